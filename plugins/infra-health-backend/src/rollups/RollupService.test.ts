import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { checkDefinition, seedSamples } from '../testing/fixtures';
import { ChecksSliSource } from '../slo/sliSources';
import { DatabaseRollupStore } from './DatabaseRollupStore';
import { RollupService, rollUp } from './RollupService';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const H = 3_600_000;
const DAY = 24 * H;
/** "now": 25 minutes into an hour. */
const NOW = new Date('2026-12-02T12:25:00.000Z');
const hour = (offset: number) =>
  new Date(Math.floor(NOW.getTime() / H) * H + offset * H);
const at = (offsetHours: number, minutes: number) =>
  new Date(hour(offsetHours).getTime() + minutes * 60_000);

describe('rollUp', () => {
  it('counts by status and takes percentiles of answered samples', () => {
    const latencies = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const rows = rollUp(hour(-1), [
      ...latencies.map(latencyMs => ({ checkId: 2, status: 'up', latencyMs })),
      { checkId: 2, status: 'degraded', latencyMs: 2000 },
      { checkId: 2, status: 'down', latencyMs: 5000 },
      { checkId: 1, status: 'down', latencyMs: 5000 },
    ]);
    expect(rows).toEqual([
      {
        checkId: 1,
        hour: hour(-1),
        count: 1,
        upCount: 0,
        degradedCount: 0,
        latencyP50Ms: null,
        latencyP95Ms: null,
      },
      {
        checkId: 2,
        hour: hour(-1),
        count: 12,
        upCount: 10,
        degradedCount: 1,
        // nearest rank over 11 answered samples: 6th and 11th
        latencyP50Ms: 60,
        latencyP95Ms: 2000,
      },
    ]);
  });
});

describe.each(ids)('rollups on %s', databaseId => {
  async function setup() {
    const knex = await init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const healthStore = await DatabaseHealthStore.create({ database });
    const store = await DatabaseRollupStore.create({ database });
    await healthStore.syncChecks(
      [
        checkDefinition({ name: 'payments-prod' }),
        checkDefinition({ name: 'checkout-prod', service: 'checkout-web' }),
      ],
      NOW,
    );
    const checks = await healthStore.listChecks({});
    const id = (name: string) => checks.find(c => c.name === name)!.id;
    const service = new RollupService({
      store,
      healthStore,
      logger: mockServices.logger.mock(),
      sampleRetentionDays: 7,
      now: () => NOW,
    });
    return { knex, store, healthStore, service, id };
  }

  it('rolls up completed hours idempotently, counting late samples', async () => {
    const { knex, service, id } = await setup();
    const payments = id('payments-prod');
    await seedSamples(knex, payments, [
      { status: 'up', sampledAt: at(-3, 5), latencyMs: 100 },
      { status: 'down', sampledAt: at(-3, 35), latencyMs: 5000 },
      { status: 'up', sampledAt: at(-2, 0), latencyMs: 120 },
      { status: 'degraded', sampledAt: at(-2, 59.99), latencyMs: 1500 },
      { status: 'up', sampledAt: at(-1, 10), latencyMs: 80 },
      // the current hour is not complete: not rolled up
      { status: 'up', sampledAt: at(0, 1), latencyMs: 90 },
    ]);
    await seedSamples(knex, id('checkout-prod'), [
      { status: 'down', sampledAt: at(-1, 20), latencyMs: 5000 },
    ]);

    expect(await service.rollupCompletedHours()).toBe(4);
    const rows = await service.listRollups(payments, {
      from: hour(-24),
      to: NOW,
    });
    expect(rows).toEqual([
      {
        checkId: payments,
        hour: hour(-3).toISOString(),
        count: 2,
        upCount: 1,
        degradedCount: 0,
        latencyP50Ms: 100,
        latencyP95Ms: 100,
      },
      {
        checkId: payments,
        hour: hour(-2).toISOString(),
        count: 2,
        upCount: 1,
        degradedCount: 1,
        latencyP50Ms: 120,
        latencyP95Ms: 1500,
      },
      {
        checkId: payments,
        hour: hour(-1).toISOString(),
        count: 1,
        upCount: 1,
        degradedCount: 0,
        latencyP50Ms: 80,
        latencyP95Ms: 80,
      },
    ]);

    // a sample of the last rolled-up hour written late: counted on the next run
    await seedSamples(knex, payments, [
      { status: 'down', sampledAt: at(-1, 50), latencyMs: 5000 },
    ]);
    await service.rollupCompletedHours();
    await service.rollupCompletedHours();
    const again = await service.listRollups(payments, {
      from: hour(-24),
      to: NOW,
    });
    expect(again).toHaveLength(3);
    expect(again[2]).toMatchObject({ count: 2, upCount: 1 });
    expect(await knex('check_rollups').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    const [{ n }] = await knex('check_rollups').count({ n: '*' });
    expect(Number(n)).toBe(4);
  });

  it('leaves out hours whose samples may be pruned, and prunes after 90 days', async () => {
    const { knex, store, service, id } = await setup();
    const payments = id('payments-prod');
    await seedSamples(knex, payments, [
      // 7 days and 1 hour ago: partly pruned hour, skipped
      { status: 'up', sampledAt: new Date(NOW.getTime() - 7 * DAY - H) },
      { status: 'up', sampledAt: at(-2, 30) },
    ]);
    expect(await service.rollupCompletedHours()).toBe(1);
    await store.upsertRollups([
      {
        checkId: payments,
        hour: new Date(hour(0).getTime() - 91 * DAY),
        count: 1,
        upCount: 1,
        degradedCount: 0,
        latencyP50Ms: 1,
        latencyP95Ms: 1,
      },
    ]);
    expect(await service.pruneRollups()).toBe(1);
    expect(await service.pruneRollups()).toBe(0);
  });

  it('validates the range and the check', async () => {
    const { service, id } = await setup();
    await expect(
      service.listRollups(id('payments-prod'), { from: NOW, to: hour(-1) }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'Invalid query: from must be before to',
    });
    await expect(
      service.listRollups(id('payments-prod'), {
        from: new Date(NOW.getTime() - 91 * DAY),
      }),
    ).rejects.toMatchObject({ name: 'InputError' });
    await expect(service.listRollups(999_999, {})).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('computes a check SLI from samples and, past the sample retention, rollups', async () => {
    const { knex, store, healthStore, id } = await setup();
    const payments = id('payments-prod');
    // samples within the last 7 days: 3 good of 4
    await seedSamples(knex, payments, [
      { status: 'up', sampledAt: at(-1, 0) },
      { status: 'degraded', sampledAt: at(-1, 10) },
      { status: 'down', sampledAt: at(-1, 20) },
      { status: 'up', sampledAt: new Date(NOW.getTime() - 6 * DAY) },
      // another service's sample is not counted
    ]);
    await seedSamples(knex, id('checkout-prod'), [
      { status: 'down', sampledAt: at(-1, 0) },
    ]);
    // older than the samples: two rollups of 100 samples, 90 + 5 good each
    for (const days of [10, 20]) {
      await store.upsertRollups([
        {
          checkId: payments,
          hour: new Date(hour(0).getTime() - days * DAY),
          count: 100,
          upCount: 90,
          degradedCount: 5,
          latencyP50Ms: 10,
          latencyP95Ms: 20,
        },
      ]);
    }
    const source = new ChecksSliSource({
      healthStore,
      rollups: store,
      sampleRetentionDays: 7,
      now: () => NOW,
    });
    const slo = {
      id: 1,
      name: 's',
      service: 'payments-api',
      objective: 99,
      window: '30d',
      source: 'checks' as const,
      origin: 'api' as const,
      createdBy: null,
      createdAt: NOW.toISOString(),
      updatedAt: NOW.toISOString(),
    };
    expect(await source.ratio(slo, 2 * H, NOW)).toBe(2 / 3);
    expect(await source.ratio(slo, 7 * DAY, NOW)).toBe(3 / 4);
    expect(await source.ratio(slo, 15 * DAY, NOW)).toBe((3 + 95) / (4 + 100));
    expect(await source.ratio(slo, 30 * DAY, NOW)).toBe((3 + 190) / (4 + 200));
    expect(await source.ratio(slo, 5 * 60_000, NOW)).toBeNull();

    const range = await source.range(
      slo,
      new Date(NOW.getTime() - 3 * H),
      NOW,
      H,
    );
    expect(range.map(p => [p.time.toISOString(), p.sli])).toEqual([
      [new Date(NOW.getTime() - 2 * H).toISOString(), null],
      // 11:00, 11:10 and 11:20 are in (10:25, 11:25]
      [new Date(NOW.getTime() - H).toISOString(), 2 / 3],
      [NOW.toISOString(), null],
    ]);
  });
});
