import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import path from 'path';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const config = {
  directory: path.resolve(__dirname, '../../migrations'),
  tableName: 'knex_migrations_test_infra_health',
};

describe.each(ids)('migrations on %s', databaseId => {
  it('adds and removes the check kinds, state and schedule one step at a time', async () => {
    const knex = await init(databaseId);
    await knex.migrate.up({ ...config, name: '20261121000000_init.js' });
    const now = new Date('2026-12-01T10:00:00.000Z');
    await knex('health_checks').insert({
      name: 'payments-prod',
      service: 'payments-api',
      url: 'https://payments.example.com/healthz',
      created_at: now,
      updated_at: now,
    });
    const [{ id: checkId }] = await knex('health_checks').select('id');
    await knex('health_samples').insert({
      check_id: checkId,
      status: 'up',
      latency_ms: 10,
      sampled_at: now,
    });

    await knex.migrate.up({ ...config, name: '20261202300000_checks.js' });
    // existing checks are config http checks, unknown until probed, due now
    expect(await knex('health_checks').first()).toMatchObject({
      kind: 'http',
      source: 'config',
      effective_status: 'unknown',
      notified_status: 'unknown',
      next_run_ms: null,
    });
    expect(await knex('health_samples').first()).toMatchObject({
      detail: null,
      cert_days_left: null,
    });
    const row = (name: string, extra: object) => ({
      name,
      service: 'x',
      url: `tcp://${name}:1`,
      created_at: now,
      updated_at: now,
      ...extra,
    });
    await knex('health_checks').insert([
      row('api-http', {
        kind: 'http',
        source: 'api',
        url: 'https://x.example.com',
      }),
      row('config-tcp', { kind: 'tcp', source: 'config' }),
    ]);
    const apiCheck = await knex('health_checks')
      .where('name', 'api-http')
      .first('id');
    await knex('health_samples').insert({
      check_id: apiCheck.id,
      status: 'down',
      latency_ms: 10,
      sampled_at: now,
      cert_days_left: 3,
    });

    await knex.migrate.down(config);
    // API checks and non-HTTP checks are gone with their samples
    expect(
      (await knex('health_checks').select('name')).map(r => r.name),
    ).toEqual(['payments-prod']);
    expect(Number((await knex('health_samples').count({ n: '*' }))[0].n)).toBe(
      1,
    );
    expect(await knex.schema.hasColumn('health_checks', 'kind')).toBe(false);
    expect(await knex.schema.hasColumn('health_samples', 'detail')).toBe(false);
  });
});
