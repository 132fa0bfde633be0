import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { checkDefinition, seedSamples } from '../testing/fixtures';
import { HealthService } from './HealthService';
import { Prober, ProbeResult } from './Prober';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const NOW = new Date('2026-11-21T12:00:00.000Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);

describe.each(ids)('HealthService on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const store = await DatabaseHealthStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const probe = jest.fn(
      async (): Promise<ProbeResult> => ({
        status: 'up',
        latencyMs: 42,
        httpStatus: 200,
        error: null,
      }),
    );
    const service = new HealthService({
      store,
      prober: { probe } as unknown as Prober,
      logger: mockServices.logger.mock(),
      sampleRetentionDays: 7,
      now: () => NOW,
    });
    await service.syncChecks([
      checkDefinition({
        name: 'payments-prod',
        url: 'https://probe:secret@payments.example.com/healthz?token=t0ken',
      }),
      checkDefinition({ name: 'payments-dev', intervalSeconds: 60 }),
      checkDefinition({ name: 'checkout-prod', service: 'checkout-web' }),
    ]);
    const checks = await store.listChecks({});
    const id = (name: string) => checks.find(c => c.name === name)!.id;
    return { knex, service, probe, id };
  }

  it('computes status, uptime and latency from the samples', async () => {
    const { knex, service, id } = await setup();
    await seedSamples(knex, id('payments-prod'), [
      { status: 'up', sampledAt: ago(25 * 3600), latencyMs: 9000 },
      { status: 'up', sampledAt: ago(120), latencyMs: 100 },
      { status: 'down', sampledAt: ago(90), latencyMs: 5000 },
      { status: 'up', sampledAt: ago(60), latencyMs: 200 },
      { status: 'degraded', sampledAt: ago(30), latencyMs: 1200 },
    ]);
    await seedSamples(knex, id('checkout-prod'), [
      { status: 'down', sampledAt: ago(30), error: 'Timed out after 5000 ms' },
    ]);

    // the status is the flap-tolerant state the probe rounds keep
    await knex('health_checks')
      .where('id', id('payments-prod'))
      .update({ effective_status: 'degraded' });
    await knex('health_checks')
      .where('id', id('checkout-prod'))
      .update({ effective_status: 'unhealthy' });

    const checks = await service.listChecks({});
    const byName = Object.fromEntries(checks.map(c => [c.name, c]));
    expect(checks.map(c => c.name)).toEqual([
      'checkout-prod',
      'payments-dev',
      'payments-prod',
    ]);
    expect(byName['payments-prod']).toMatchObject({
      service: 'payments-api',
      url: 'https://payments.example.com/healthz',
      status: 'degraded',
      uptimePercent24h: 75,
      latencyP95Ms: 1200,
      latencyAvgMs: 500,
      latestSample: {
        status: 'degraded',
        latencyMs: 1200,
        sampledAt: ago(30).toISOString(),
      },
    });
    expect(byName['checkout-prod']).toMatchObject({
      status: 'unhealthy',
      uptimePercent24h: 0,
      latencyP95Ms: null,
      latestSample: { error: 'Timed out after 5000 ms' },
    });
    expect(byName['payments-dev']).toMatchObject({
      status: 'unknown',
      latestSample: null,
      uptimePercent24h: null,
    });
    expect(JSON.stringify(checks)).not.toMatch(/secret|t0ken/);

    expect(
      (await service.listChecks({ service: 'checkout-web' })).map(c => c.name),
    ).toEqual(['checkout-prod']);
  });

  it('probes only the checks that are due, once, with one insert per round', async () => {
    const { knex, service, probe, id } = await setup();
    await knex('health_checks')
      .where('id', id('payments-prod'))
      .update({ next_run_ms: NOW.getTime() - 1000 });
    await knex('health_checks')
      .where('id', id('payments-dev'))
      .update({ next_run_ms: NOW.getTime() + 60_000 });
    await knex('health_checks')
      .where('id', id('checkout-prod'))
      .update({ next_run_ms: null });
    const inserts: string[] = [];
    const onQuery = (query: { sql: string }) => {
      if (/^insert into .?health_samples/i.test(query.sql)) {
        inserts.push(query.sql);
      }
    };
    knex.on('query', onQuery);
    const samples = await service.probeDueChecks();
    knex.off('query', onQuery);

    // payments-dev is not due yet
    expect(samples.map(s => s.checkId).sort()).toEqual(
      [id('payments-prod'), id('checkout-prod')].sort(),
    );
    expect(inserts).toHaveLength(1);
    expect(probe).toHaveBeenCalledTimes(2);
    expect(probe).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://probe:secret@payments.example.com/healthz?token=t0ken',
      }),
    );
    // claimed: not due again within the interval
    expect(await service.probeDueChecks()).toEqual([]);
    const next = await knex('health_checks')
      .where('id', id('payments-prod'))
      .first('next_run_ms');
    expect(Number(next.next_run_ms)).toBe(NOW.getTime() - 1000 + 30_000);

    const page = await service.listSamples(id('checkout-prod'), {
      limit: 10,
      offset: 0,
    });
    expect(page).toEqual({
      items: [
        {
          id: expect.any(Number),
          checkId: id('checkout-prod'),
          status: 'up',
          latencyMs: 42,
          httpStatus: 200,
          error: null,
          detail: null,
          certDaysLeft: null,
          sampledAt: NOW.toISOString(),
        },
      ],
      totalCount: 1,
      limit: 10,
      offset: 0,
    });
  });

  it('throws NotFoundError for the samples of an unknown check', async () => {
    const { service } = await setup();
    await expect(
      service.listSamples(424242, { limit: 10, offset: 0 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('prunes samples older than the retention', async () => {
    const { knex, service, id } = await setup();
    await seedSamples(knex, id('payments-prod'), [
      { status: 'up', sampledAt: ago(8 * 86400) },
      { status: 'up', sampledAt: ago(6 * 86400) },
    ]);
    expect(await service.pruneSamples()).toBe(1);
    const [{ count }] = await knex('health_samples').count({ count: '*' });
    expect(Number(count)).toBe(1);
  });
});
