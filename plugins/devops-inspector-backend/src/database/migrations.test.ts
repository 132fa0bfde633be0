import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import path from 'path';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const config = {
  directory: path.resolve(__dirname, '../../migrations'),
  tableName: 'knex_migrations_test_devops_inspector',
};

describe.each(ids)('migrations on %s', databaseId => {
  it('adds and removes the snapshot, drift and compare job tables one step at a time, keeping the activity log', async () => {
    const knex = await init(databaseId);
    await knex.migrate.up({ ...config, name: '20261121000000_init.js' });
    await knex('inspector_activity').insert({
      actor: 'user:default/jane',
      action: 'tables.list',
      created_at: new Date(),
    });
    expect(await knex.schema.hasTable('schema_snapshots')).toBe(false);

    await knex.migrate.up(config);
    for (const table of ['compare_jobs', 'schema_snapshots', 'drift_checks']) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }
    const snapshot = (id: string) => ({
      id,
      environment: 'dev',
      label: null,
      taken_at: new Date(),
      taken_by: 'user:default/jane',
      object_count: 1,
      size_bytes: 3,
      content: Buffer.from([0, 1, 255]),
    });
    const first = '00000000-0000-4000-8000-000000000001';
    const second = '00000000-0000-4000-8000-000000000002';
    await knex('schema_snapshots').insert([snapshot(first), snapshot(second)]);
    const drift = {
      id: '00000000-0000-4000-8000-000000000003',
      environment: 'dev',
      snapshot_id: second,
      previous_snapshot_id: first,
      checked_at: new Date(),
      summary: '{}',
      breaking: false,
    };
    await knex('drift_checks').insert(drift);
    // a drift check names stored snapshots
    const dangling = await knex('drift_checks')
      .insert({
        ...drift,
        id: '00000000-0000-4000-8000-000000000004',
        snapshot_id: '00000000-0000-4000-8000-000000000009',
      })
      .then(
        () => 'inserted',
        (error: Error) => error.message,
      );
    expect(dangling).toMatch(/foreign key/i);

    await knex.migrate.down(config);
    for (const table of ['compare_jobs', 'schema_snapshots', 'drift_checks']) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    expect(
      Number((await knex('inspector_activity').count({ n: '*' }))[0].n),
    ).toBe(1);
  });
});
