import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import path from 'path';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const config = {
  directory: path.resolve(__dirname, '../../migrations'),
  tableName: 'knex_migrations_test_infra_health_alerts',
};

describe.each(ids)('alerts migration on %s', databaseId => {
  it('adds and removes the alert tables one step at a time, keeping the checks', async () => {
    const knex = await init(databaseId);
    await knex.migrate.up({ ...config, name: '20261121000000_init.js' });
    await knex('health_checks').insert({
      name: 'c',
      service: 's',
      url: 'http://x',
      created_at: new Date(),
      updated_at: new Date(),
    });
    expect(await knex.schema.hasTable('health_alerts')).toBe(false);

    await knex.migrate.up({ ...config, name: '20261202100000_alerts.js' });
    expect(await knex.schema.hasTable('health_alerts')).toBe(true);
    expect(await knex.schema.hasTable('health_alert_escalations')).toBe(true);
    const row = {
      fingerprint: 'f',
      starts_at: new Date('2026-12-02T10:00:00Z'),
      alertname: 'A',
      labels: '{}',
      annotations: '{}',
      state: 'firing',
      last_received_at: new Date(),
      created_at: new Date(),
      updated_at: new Date(),
    };
    await knex('health_alerts').insert(row);
    const duplicate = await knex('health_alerts')
      .insert(row)
      .then(
        () => 'inserted',
        (error: Error) => error.message,
      );
    expect(duplicate).toMatch(/UNIQUE|duplicate key/);

    await knex.migrate.down({ ...config, name: '20261202100000_alerts.js' });
    expect(await knex.schema.hasTable('health_alerts')).toBe(false);
    expect(await knex.schema.hasTable('health_alert_escalations')).toBe(false);
    expect(Number((await knex('health_checks').count({ n: '*' }))[0].n)).toBe(
      1,
    );
  });
});
