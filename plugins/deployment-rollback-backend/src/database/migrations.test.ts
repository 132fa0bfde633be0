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
});
