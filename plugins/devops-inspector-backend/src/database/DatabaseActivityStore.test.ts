import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseActivityStore } from './DatabaseActivityStore';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const DAY = 24 * 60 * 60 * 1000;

describe.each(ids)('DatabaseActivityStore on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseActivityStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { knex, store };
  }

  it('records entries and lists them newest first with paging', async () => {
    const { store } = await setup();
    await store.record({
      actor: 'user:default/jane',
      action: 'tables.list',
      environment: 'dev',
      details: { filter: "'; DROP TABLE x; --", totalCount: 3 },
    });
    await store.record({ actor: 'user:default/joe', action: 'tables.list' });
    await store.record({
      actor: 'plugin:catalog',
      action: 'tables.list',
      environment: 'uat',
    });

    const all = await store.list({ limit: 50, offset: 0 });
    expect(all.totalCount).toBe(3);
    expect(all.items.map(e => e.actor)).toEqual([
      'plugin:catalog',
      'user:default/joe',
      'user:default/jane',
    ]);
    expect(all.items[2]).toMatchObject({
      action: 'tables.list',
      environment: 'dev',
      details: { filter: "'; DROP TABLE x; --", totalCount: 3 },
    });
    expect(all.items[1]).toMatchObject({ environment: null, details: null });
    expect(Date.parse(all.items[0].createdAt)).not.toBeNaN();

    const page = await store.list({ limit: 1, offset: 1 });
    expect(page.totalCount).toBe(3);
    expect(page.items.map(e => e.actor)).toEqual(['user:default/joe']);
  });

  it('lists only the given environments and entries of none', async () => {
    const { store } = await setup();
    for (const environment of ['dev', 'prod', undefined, 'uat', 'prod']) {
      await store.record({
        actor: `user:default/${environment ?? 'none'}`,
        action: 'tables.list',
        environment,
      });
    }
    const visible = await store.list(
      { limit: 50, offset: 0 },
      { environments: ['dev', 'uat'] },
    );
    expect(visible.totalCount).toBe(3);
    expect(visible.items.map(e => e.environment)).toEqual(['uat', null, 'dev']);
    const page = await store.list(
      { limit: 1, offset: 1 },
      { environments: ['dev', 'uat'] },
    );
    expect(page.totalCount).toBe(3);
    expect(page.items.map(e => e.environment)).toEqual([null]);
    const none = await store.list(
      { limit: 50, offset: 0 },
      { environments: [] },
    );
    expect(none.items.map(e => e.environment)).toEqual([null]);
    expect((await store.list({ limit: 50, offset: 0 })).totalCount).toBe(5);
  });

  /** Inserts entries `days` days before `now`, named by their age. */
  async function insertAged(
    knex: Awaited<ReturnType<typeof setup>>['knex'],
    now: Date,
    entries: Array<[number, string | null]>,
  ) {
    for (const [days, environment] of entries) {
      await knex('inspector_activity').insert({
        actor: `user:default/${days}`,
        action: 'tables.list',
        environment,
        details: JSON.stringify({ days }),
        created_at: new Date(now.getTime() - days * DAY),
      });
    }
  }

  it('lists a time range newest first, with a limit and the environment filter', async () => {
    const { knex, store } = await setup();
    const now = new Date('2026-11-21T12:00:00.000Z');
    await insertAged(knex, now, [
      [10, 'dev'],
      [5, 'prod'],
      [4, null],
      [3, 'dev'],
      [2, 'dev'],
      [0, 'dev'],
    ]);
    const range = {
      from: new Date(now.getTime() - 5 * DAY),
      to: new Date(now.getTime()),
    };
    const all = await store.listBetween(range, 100);
    // from is inclusive, to exclusive
    expect(all.map(e => e.details?.days)).toEqual([2, 3, 4, 5]);
    expect(all[0].createdAt).toBe('2026-11-19T12:00:00.000Z');
    expect(
      (await store.listBetween(range, 2)).map(e => e.details?.days),
    ).toEqual([2, 3]);
    expect(
      (await store.listBetween(range, 100, { environments: ['dev'] })).map(
        e => e.details?.days,
      ),
    ).toEqual([2, 3, 4]);
  });

  it('prunes the entries older than a date', async () => {
    const { knex, store } = await setup();
    const now = new Date('2026-11-21T12:00:00.000Z');
    await insertAged(knex, now, [
      [400, 'dev'],
      [366, null],
      [364, 'dev'],
      [1, 'prod'],
    ]);
    await expect(
      store.prune(new Date(now.getTime() - 365 * DAY)),
    ).resolves.toBe(2);
    const left = await store.list({ limit: 50, offset: 0 });
    expect(left.items.map(e => e.details?.days)).toEqual([1, 364]);
    await expect(
      store.prune(new Date(now.getTime() - 365 * DAY)),
    ).resolves.toBe(0);
  });

  it('migrates down cleanly', async () => {
    const { knex } = await setup();
    expect(await knex.schema.hasTable('inspector_activity')).toBe(true);
    await knex.migrate.rollback(
      {
        directory: `${__dirname}/../../migrations`,
        tableName: 'knex_migrations__opshub_plugin_devops_inspector_backend',
      },
      true,
    );
    expect(await knex.schema.hasTable('inspector_activity')).toBe(false);
  });
});
