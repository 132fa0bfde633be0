import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { Knex } from 'knex';
import path from 'path';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const migrationsDir = path.resolve(__dirname, '../../migrations');

const config = (): Knex.MigratorConfig => ({ directory: migrationsDir });
const INIT = '20261121000000_init.js';
const RELEASES = '20261201000000_releases.js';
const METADATA = '20261202000000_metadata.js';
const STATEMENT_CHECKS = '20261203000000_customer_steps_statement_checks.js';
const LATEST = [INIT, RELEASES, METADATA, STATEMENT_CHECKS];
const RELEASE_TABLES = [
  'releases',
  'release_customers',
  'step_templates',
  'customer_steps',
  'step_events',
];

async function migrateUntil(knex: Knex, target: string) {
  await knex.migrate.up({ directory: migrationsDir, name: INIT });
  if (target === RELEASES) {
    await knex.migrate.up({ directory: migrationsDir, name: RELEASES });
  }
}

async function completed(knex: Knex): Promise<string[]> {
  const [done] = (await knex.migrate.list({ directory: migrationsDir })) as [
    Array<{ name: string } | string>,
    unknown,
  ];
  return done.map(m => (typeof m === 'string' ? m : m.name));
}

async function tables(knex: Knex): Promise<Record<string, boolean>> {
  const result: Record<string, boolean> = {};
  for (const table of RELEASE_TABLES) {
    result[table] = await knex.schema.hasTable(table);
  }
  return result;
}

const all = (value: boolean) =>
  Object.fromEntries(RELEASE_TABLES.map(t => [t, value]));

describe.each(ids)('migrations on %s', databaseId => {
  it(`${RELEASES} goes up and down one step at a time`, async () => {
    const knex = await init(databaseId);

    await migrateUntil(knex, INIT);
    expect(await completed(knex)).toEqual([INIT]);
    expect(await tables(knex)).toEqual(all(false));
    await knex('clusters').insert({ name: 'eu-west-1', display_name: 'EU' });
    const [{ id: clusterId }] = await knex('clusters').select('id');
    await knex('customers').insert({
      cluster_id: clusterId,
      name: 'Acme',
      namespace: 'tenant-acme',
    });

    // up: the release tables, and the version columns with a default of 1
    await knex.migrate.up(config());
    expect(await completed(knex)).toEqual([INIT, RELEASES]);
    expect(await tables(knex)).toEqual(all(true));
    expect(await knex.schema.hasColumn('clusters', 'version')).toBe(true);
    expect(await knex.schema.hasColumn('customers', 'version')).toBe(true);
    expect(
      (await knex('clusters').select('version')).map(r => Number(r.version)),
    ).toEqual([1]);
    const [release] = await knex('releases')
      .insert({ name: 'November', type: 'release' })
      .returning('id');
    const releaseId = Number(
      typeof release === 'object' ? release.id : release,
    );
    await knex('step_templates').insert({
      release_id: releaseId,
      name: 'migrate',
      category: 'deploy',
      type: 'bash',
      content: 'run',
      order_index: 0,
    });

    // down one step: back to the init schema, init data kept
    await knex.migrate.down(config());
    expect(await completed(knex)).toEqual([INIT]);
    expect(await tables(knex)).toEqual(all(false));
    expect(await knex.schema.hasColumn('clusters', 'version')).toBe(false);
    expect(await knex.schema.hasColumn('customers', 'version')).toBe(false);
    expect(await knex('customers').select('name')).toEqual([{ name: 'Acme' }]);

    // and up again
    await knex.migrate.up(config());
    expect(await completed(knex)).toEqual([INIT, RELEASES]);
    expect(await tables(knex)).toEqual(all(true));
    expect(await knex('releases').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    expect(Number((await knex('releases').count({ n: '*' }))[0].n)).toBe(0);

    // then the init migration down and up too
    await knex.migrate.down(config());
    await knex.migrate.down(config());
    expect(await completed(knex)).toEqual([]);
    expect(await knex.schema.hasTable('clusters')).toBe(false);
    await knex.migrate.latest({ directory: migrationsDir });
    expect(await completed(knex)).toEqual(LATEST);

    await knex.destroy();
  });

  it(`${METADATA} goes up and down with data in place`, async () => {
    const knex = await init(databaseId);
    await migrateUntil(knex, RELEASES);
    await knex('clusters').insert({ name: 'eu-west-1', display_name: 'EU' });
    const [{ id: clusterId }] = await knex('clusters').select('id');
    await knex('customers').insert({
      cluster_id: clusterId,
      name: 'Acme',
      namespace: 'tenant-acme',
    });
    await knex('releases').insert({ name: 'November', type: 'release' });

    await knex.migrate.up({ directory: migrationsDir, name: METADATA });
    expect(await completed(knex)).toEqual([INIT, RELEASES, METADATA]);
    // existing rows read {} and no kubeconfig path
    for (const table of ['clusters', 'customers', 'releases']) {
      const [row] = await knex(table).select('metadata');
      const value =
        typeof row.metadata === 'string'
          ? JSON.parse(row.metadata)
          : row.metadata;
      expect([table, value]).toEqual([table, {}]);
    }
    expect(
      (await knex('clusters').select('kubeconfig_path'))[0].kubeconfig_path,
    ).toBeNull();
    await knex('clusters')
      .where({ id: clusterId })
      .update({ metadata: JSON.stringify({ a: 1 }), kubeconfig_path: 'x' });

    await knex.migrate.down({ directory: migrationsDir, name: METADATA });
    expect(await completed(knex)).toEqual([INIT, RELEASES]);
    for (const table of ['clusters', 'customers', 'releases']) {
      expect(await knex.schema.hasColumn(table, 'metadata')).toBe(false);
    }
    expect(await knex.schema.hasColumn('clusters', 'kubeconfig_path')).toBe(
      false,
    );
    expect(await knex('customers').select('name')).toEqual([{ name: 'Acme' }]);

    await knex.migrate.latest({ directory: migrationsDir });
    expect(await completed(knex)).toEqual(LATEST);
    await knex.destroy();
  });

  it(`${STATEMENT_CHECKS} swaps the step foreign keys for statement checks on PostgreSQL`, async () => {
    const knex = await init(databaseId);
    const postgres = databaseId.startsWith('POSTGRES');
    const foreignKeys = async () => {
      if (!postgres) {
        return undefined;
      }
      const { rows } = await knex.raw(
        `select count(*) as n from pg_constraint
          where conrelid = 'customer_steps'::regclass and contype = 'f'`,
      );
      return Number(rows[0].n);
    };
    await knex.migrate.latest({ directory: migrationsDir });
    expect(await completed(knex)).toEqual(LATEST);
    expect(await foreignKeys()).toBe(postgres ? 0 : undefined);

    await knex.migrate.down({
      directory: migrationsDir,
      name: STATEMENT_CHECKS,
    });
    expect(await completed(knex)).toEqual([INIT, RELEASES, METADATA]);
    expect(await foreignKeys()).toBe(postgres ? 3 : undefined);

    await knex.migrate.latest({ directory: migrationsDir });
    expect(await foreignKeys()).toBe(postgres ? 0 : undefined);
    await knex.destroy();
  });
});
