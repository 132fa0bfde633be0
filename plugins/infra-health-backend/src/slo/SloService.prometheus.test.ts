import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createBaseRouter } from '@opshub/opshub-node';
import { SloStatus } from '@opshub/plugin-infra-health-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import request from 'supertest';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { DatabaseRollupStore } from '../rollups/DatabaseRollupStore';
import { checkDefinition, seedSamples } from '../testing/fixtures';
import {
  CounterSeries,
  prometheusAvailable,
  startBackfilledPrometheus,
  TestPrometheus,
} from '../testing/prometheus';
import { DatabaseSloStore } from './DatabaseSloStore';
import { PrometheusClient } from './PrometheusClient';
import { sliQuery } from './queries';
import { ChecksSliSource, PrometheusSliSource } from './sliSources';
import { registerSloRoutes } from './sloRoutes';
import { SloService } from './SloService';

jest.setTimeout(90_000);

const MINUTE = 60_000;
/** Evaluation time: a whole minute, a day ago. */
const T = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 24 * 60 * MINUTE);
/** 3 days and 1 hour of one-minute samples, so every window is covered. */
const MINUTES = 3 * 24 * 60 + 60;

/**
 * Errors in the minute that ends `k` minutes before T: 50/min in the last 10
 * minutes, 20/min for 3 hours two days ago, else 1/min. 1000 requests/min.
 */
function errorsAt(k: number): number {
  if (k < 10) return 50;
  if (k >= 2 * 24 * 60 && k < 2 * 24 * 60 + 180) return 20;
  return 1;
}
const REQUESTS_PER_MINUTE = 1000;

/** The SLI computed by hand from the backfilled increments. */
function handSli(windowMinutes: number): number {
  let errors = 0;
  for (let k = 0; k < windowMinutes; k++) errors += errorsAt(k);
  return 1 - errors / (REQUESTS_PER_MINUTE * windowMinutes);
}

function counters(): CounterSeries[] {
  const ok: CounterSeries = { labels: { code: '200' }, samples: [] };
  const failed: CounterSeries = { labels: { code: '500' }, samples: [] };
  // a counter that never moves: increase 0, so 0/0 = NaN
  const idle: CounterSeries = { labels: { code: '404' }, samples: [] };
  let good = 1_000_000;
  let bad = 10_000;
  for (let k = MINUTES; k >= 0; k--) {
    const time = new Date(T.getTime() - k * MINUTE);
    if (k < MINUTES) {
      // the increment of the minute that ends at this sample
      bad += errorsAt(k);
      good += REQUESTS_PER_MINUTE - errorsAt(k);
    }
    ok.samples.push({ time, value: good });
    failed.samples.push({ time, value: bad });
    idle.samples.push({ time, value: 42 });
  }
  return [ok, failed, idle];
}

const GOOD = 'demo_requests_total{code="200"}';
const TOTAL = 'demo_requests_total';

const maybe = prometheusAvailable ? describe : describe.skip;
if (!prometheusAvailable) {
  // eslint-disable-next-line no-console
  console.warn(
    'SKIPPED: /usr/bin/prometheus or /usr/bin/promtool is missing (apt-get install prometheus)',
  );
}

maybe('Prometheus SLOs against a real Prometheus', () => {
  let prometheus: TestPrometheus;
  const { init } = createTestDatabases();

  beforeAll(async () => {
    prometheus = await startBackfilledPrometheus('demo_requests', counters());
  });

  afterAll(async () => {
    await prometheus?.cleanup();
  });

  /** Asks Prometheus itself, for the expected numbers. */
  async function promQuery(expr: string, time: Date): Promise<number> {
    const res = await fetch(
      `${prometheus.baseUrl}/api/v1/query?${new URLSearchParams({
        query: expr,
        time: String(time.getTime() / 1000),
      })}`,
    );
    const body = await res.json();
    expect(body.status).toBe('success');
    expect(body.data.result).toHaveLength(1);
    return Number(body.data.result[0].value[1]);
  }

  async function setup(baseUrl: string | undefined) {
    const knex = await init('SQLITE_3');
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const healthStore = await DatabaseHealthStore.create({ database });
    const rollups = await DatabaseRollupStore.create({ database });
    await healthStore.syncChecks(
      [checkDefinition({ name: 'payments-prod' })],
      T,
    );
    const [check] = await healthStore.listChecks({});
    await seedSamples(knex, check.id, [
      { status: 'up', sampledAt: new Date(T.getTime() - 3 * MINUTE) },
      { status: 'down', sampledAt: new Date(T.getTime() - 2 * MINUTE) },
      { status: 'degraded', sampledAt: new Date(T.getTime() - MINUTE) },
      { status: 'up', sampledAt: new Date(T.getTime() - 30 * 1000) },
    ]);
    const slos = new SloService({
      store: await DatabaseSloStore.create({ database }),
      sources: {
        checks: new ChecksSliSource({
          healthStore,
          rollups,
          sampleRetentionDays: 7,
          now: () => T,
        }),
        ...(baseUrl
          ? {
              prometheus: new PrometheusSliSource(
                new PrometheusClient({ baseUrl, timeoutMs: 5000 }),
              ),
            }
          : {}),
      },
      logger: mockServices.logger.mock(),
      now: () => T,
    });
    await slos.syncConfigSlos([
      {
        name: 'payments availability',
        service: 'payments-api',
        objective: 99.9,
        window: '3d',
        source: 'prometheus',
        good: GOOD,
        total: TOTAL,
      },
      {
        name: 'payments checks',
        service: 'payments-api',
        objective: 99,
        window: '1h',
        source: 'checks',
      },
    ]);
    const router = createBaseRouter();
    registerSloRoutes(router, {
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result: AuthorizeResult.ALLOW }),
      slos,
    });
    const app = express().use(router).use(mockErrorHandler());
    const list = async () => {
      const res = await request(app).get('/slos?service=payments-api');
      expect(res.status).toBe(200);
      const byName = new Map<string, SloStatus>(
        res.body.items.map((s: SloStatus) => [s.name, s]),
      );
      return {
        prom: byName.get('payments availability')!,
        checks: byName.get('payments checks')!,
      };
    };
    return { list, slos };
  }

  it('returns the SLI, budget and burn rates that Prometheus computes', async () => {
    const { list } = await setup(prometheus.baseUrl);
    const { prom } = await list();
    expect(prom.error).toBeNull();

    // the same query asked of Prometheus directly
    const expected = await promQuery(sliQuery(GOOD, TOTAL, '3d'), T);
    expect(prom.sli).toBe(expected);
    // and the figure computed by hand from the backfilled counters
    expect(prom.sli).toBeCloseTo(handSli(3 * 24 * 60), 12);
    expect(prom.sli).toBeCloseTo(1 - 8230 / 4_320_000, 12);
    expect(prom.errorBudgetRemaining).toBeCloseTo(
      1 - (1 - handSli(3 * 24 * 60)) / 0.001,
      9,
    );

    const minutes: Record<string, number> = {
      '5m': 5,
      '30m': 30,
      '1h': 60,
      '6h': 360,
      '3d': 4320,
    };
    for (const pair of prom.burnRates) {
      for (const [window, value] of [
        [pair.longWindow, pair.longBurnRate],
        [pair.shortWindow, pair.shortBurnRate],
      ] as const) {
        const direct = await promQuery(sliQuery(GOOD, TOTAL, window), T);
        expect(value).toBeCloseTo((1 - direct) / 0.001, 9);
        expect(value).toBeCloseTo((1 - handSli(minutes[window])) / 0.001, 9);
      }
    }
    // 5m burns at 50x but 1h at 9.2x: 14.4x needs both; 6h/30m: 2.4x and
    // 17.3x, under 6x on the long window; 3d/6h: 1.9x and 2.4x, both over 1x
    expect(
      prom.burnRates.map(p => [p.longWindow, p.shortWindow, p.firing]),
    ).toEqual([
      ['1h', '5m', false],
      ['6h', '30m', false],
      ['3d', '6h', true],
    ]);
    expect(prom.burnRates[0].shortBurnRate).toBeCloseTo(50, 9);

    // the chart: 36 two-hour buckets, equal to Prometheus's query_range
    expect(prom.rangeStep).toBe('2h');
    expect(prom.range).toHaveLength(36);
    expect(prom.range[35].time).toBe(T.toISOString());
    const res = await fetch(
      `${prometheus.baseUrl}/api/v1/query_range?${new URLSearchParams({
        query: sliQuery(GOOD, TOTAL, '2h'),
        start: String(new Date(prom.range[0].time).getTime() / 1000),
        end: String(T.getTime() / 1000),
        step: '7200',
      })}`,
    );
    const matrix = (await res.json()).data.result[0].values as Array<
      [number, string]
    >;
    expect(matrix).toHaveLength(36);
    expect(prom.range.map(p => p.sli)).toEqual(
      matrix.map(([, v]) => Number(v)),
    );
    expect(prom.range[35].sli).toBeCloseTo(handSli(120), 12);
  });

  it('shows an error on the SLO whose query Prometheus rejects (bad_data)', async () => {
    const { list, slos } = await setup(prometheus.baseUrl);
    await slos.createSlo(
      {
        name: 'broken regex',
        service: 'payments-api',
        objective: 99,
        window: '1h',
        source: 'prometheus',
        good: 'demo_requests_total{code=~"("}',
        total: TOTAL,
      },
      'user:default/jane',
    );
    const { prom } = await list();
    expect(prom.error).toBeNull();
    const all = await slos.listSlos({ service: 'payments-api' });
    const broken = all.find(s => s.name === 'broken regex')!;
    expect(broken.error).toEqual({
      kind: 'error',
      message: expect.stringMatching(
        /^Prometheus rejected the query \(bad_data\): .*error parsing regexp/,
      ),
    });
    expect(broken.sli).toBeNull();
  });

  it('answers "no data" rather than zero for a selector without series', async () => {
    const { slos } = await setup(prometheus.baseUrl);
    await slos.createSlo(
      {
        name: 'no series',
        service: 'payments-api',
        objective: 99,
        window: '1h',
        source: 'prometheus',
        good: 'nothing_total{code="200"}',
        total: 'nothing_total',
      },
      'user:default/jane',
    );
    const none = (await slos.listSlos({})).find(s => s.name === 'no series')!;
    expect(none.error).toBeNull();
    expect(none.sli).toBeNull();
    expect(none.errorBudgetRemaining).toBeNull();
    expect(none.burnRates.every(p => p.longBurnRate === null)).toBe(true);
    expect(none.burnRates.some(p => p.firing)).toBe(false);
  });

  it('answers "no data" for NaN (no events in the window)', async () => {
    const { slos } = await setup(prometheus.baseUrl);
    const idle = 'demo_requests_total{code="404"}';
    // Prometheus itself answers NaN for this query
    const res = await fetch(
      `${prometheus.baseUrl}/api/v1/query?${new URLSearchParams({
        query: sliQuery(idle, idle, '1h'),
        time: String(T.getTime() / 1000),
      })}`,
    );
    expect((await res.json()).data.result[0].value[1]).toBe('NaN');
    await slos.createSlo(
      {
        name: 'idle',
        service: 'payments-api',
        objective: 99,
        window: '1h',
        source: 'prometheus',
        good: idle,
        total: idle,
      },
      'user:default/jane',
    );
    const status = (await slos.listSlos({})).find(s => s.name === 'idle')!;
    expect(status.error).toBeNull();
    expect(status.sli).toBeNull();
    expect(status.range.every(p => p.sli === null)).toBe(true);
  });

  it('keeps the page at 200 with an error on the SLO when Prometheus is down', async () => {
    const stopped = await startBackfilledPrometheus(
      'demo_requests',
      counters(),
    );
    await stopped.cleanup();
    const { list } = await setup(stopped.baseUrl);
    const { prom, checks } = await list();
    expect(prom.error).toEqual({
      kind: 'error',
      message: 'Prometheus is unreachable: ECONNREFUSED',
    });
    expect(prom.sli).toBeNull();
    expect(prom.range).toEqual([]);
    // the check SLO still works: 3 of the 4 samples were not down
    expect(checks.error).toBeNull();
    expect(checks.sli).toBe(0.75);
  });

  it('says "not configured" when infraHealth.prometheus is unset', async () => {
    const { list } = await setup(undefined);
    const { prom, checks } = await list();
    expect(prom.error).toEqual({
      kind: 'not_configured',
      message: 'Prometheus not configured: set infraHealth.prometheus.baseUrl',
    });
    expect(checks.sli).toBe(0.75);
  });
});
