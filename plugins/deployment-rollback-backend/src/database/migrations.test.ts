import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import path from 'path';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const config = {
  directory: path.resolve(__dirname, '../../migrations'),
  tableName: 'knex_migrations_test_deployment_rollback',
};

describe.each(ids)('migrations on %s', databaseId => {
  it('adds and removes webhook_deliveries one step at a time, keeping deployments', async () => {
    const knex = await init(databaseId);
    await knex.migrate.up({ ...config, name: '20261121000000_init.js' });
    expect(await knex.schema.hasTable('deployments')).toBe(true);
    expect(await knex.schema.hasTable('webhook_deliveries')).toBe(false);
    await knex('deployments').insert({
      service: 'payments-api',
      environment: 'dev',
      version: '1.0.0',
      status: 'succeeded',
      source: 'webhook',
      triggered_by: 'ci',
      started_at: new Date(),
    });

    await knex.migrate.up(config);
    expect(await knex.schema.hasTable('webhook_deliveries')).toBe(true);
    const row = {
      provider: 'github',
      delivery_key: 'k-1',
      event: 'deployment',
      verified: true,
      outcome: 'pending',
      payload: JSON.stringify({ a: 1 }),
      received_at: new Date(),
    };
    await knex('webhook_deliveries').insert(row);
    // the key is unique per provider, not across providers (the error is
    // compared by message: SQLite's error class is from another realm)
    const duplicate = await knex('webhook_deliveries')
      .insert(row)
      .then(
        () => 'inserted',
        (error: Error) => error.message,
      );
    expect(duplicate).toMatch(/UNIQUE|duplicate key/);
    await knex('webhook_deliveries').insert({ ...row, provider: 'gitlab' });

    await knex.migrate.down(config);
    expect(await knex.schema.hasTable('webhook_deliveries')).toBe(false);
    expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(1);
  });
  it('adds the in-flight index one step at a time, superseding older in-flight rows', async () => {
    const knex = await init(databaseId);
    await knex.migrate.up({
      ...config,
      name: '20261121000000_init.js',
    });
    await knex.migrate.up({
      ...config,
      name: '20261202000000_webhook_deliveries.js',
    });
    const row = (version: string, status: string, day: string) => ({
      service: 'payments-api',
      environment: 'dev',
      version,
      status,
      source: 'webhook',
      triggered_by: 'ci',
      started_at: new Date(`2026-11-${day}T10:00:00Z`),
    });
    await knex('deployments').insert([
      row('1.0.0', 'in_progress', '01'),
      row('1.1.0', 'queued', '02'),
      row('0.9.0', 'succeeded', '01'),
    ]);

    await knex.migrate.up({
      ...config,
      name: '20261202120000_trigger_rollback.js',
    });
    const statuses = await knex('deployments')
      .orderBy('version')
      .select('version', 'status');
    expect(statuses).toEqual([
      { version: '0.9.0', status: 'succeeded' },
      { version: '1.0.0', status: 'superseded' },
      { version: '1.1.0', status: 'queued' },
    ]);
    // a second in-flight deployment of the same service and environment is
    // refused by the database; another environment, or a finished one, is not
    const second = await knex('deployments')
      .insert(row('1.2.0', 'in_progress', '03'))
      .then(
        () => 'inserted',
        (error: Error) => error.message,
      );
    expect(second).toMatch(/UNIQUE|duplicate key/);
    await knex('deployments').insert({
      ...row('1.2.0', 'in_progress', '03'),
      environment: 'prod',
    });
    await knex('deployments').insert(row('1.2.0', 'failed', '03'));
    await knex('deployments').insert({
      ...row('1.3.0', 'succeeded', '04'),
      url: 'https://ci.example.com/1',
      reason: 'r',
      message: 'm',
      executor_ref: 'run-1',
    });
    expect(
      await knex('deployments').where('version', '1.3.0').first('executor_ref'),
    ).toEqual({ executor_ref: 'run-1' });

    await knex.migrate.down(config);
    expect(await knex.schema.hasColumn('deployments', 'executor_ref')).toBe(
      false,
    );
    // without the index, two in flight are possible again
    await knex('deployments').insert(row('1.4.0', 'queued', '05'));
  });
});
