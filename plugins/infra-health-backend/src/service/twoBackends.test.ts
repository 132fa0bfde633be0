import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import knexFactory, { Knex } from 'knex';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { checkDefinition } from '../testing/fixtures';
import { HealthService } from './HealthService';
import { Prober, ProbeResult } from './Prober';

jest.setTimeout(120_000);

const { ids, init } = createTestDatabases();
const postgresIds = ids.filter(id => id.startsWith('POSTGRES'));
if (postgresIds.length === 0) {
  // eslint-disable-next-line no-console
  console.warn(
    'twoBackends.test: no BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING set; the two-backend test needs PostgreSQL and is skipped',
  );
}

const INTERVAL_S = 10;
const CHECKS = 12;

const describePostgres = postgresIds.length ? describe : describe.skip;

describePostgres('two backends on one PostgreSQL database', () => {
  const databaseId = postgresIds[0];
  {
    const opened: Knex[] = [];
    afterAll(async () => {
      await Promise.all(opened.map(k => k.destroy()));
    });

    it('run each check exactly once per interval', async () => {
      const first = await init(databaseId);
      // a second, independent connection pool to the same database: the
      // second backend
      const second = knexFactory({
        client: 'pg',
        connection: first.client.config.connection,
        pool: { min: 0, max: 5 },
      });
      opened.push(second);

      let clock = Date.parse('2026-12-01T10:00:00.000Z');
      const start = clock;
      const probed: Array<{ backend: string; checkId: number; at: number }> =
        [];
      const backend = async (name: string, knex: Knex) => {
        const store = await DatabaseHealthStore.create({
          database: mockServices.database({
            knex,
            migrations: { skip: name === 'b' },
          }),
        });
        const probe = jest.fn(
          async (target: { url: string }): Promise<ProbeResult> => {
            // a little real latency, so the rounds overlap
            await new Promise(resolve => setTimeout(resolve, 5));
            probed.push({
              backend: name,
              checkId: Number(
                new URL(target.url).hostname.split('.')[0].slice(1),
              ),
              at: clock,
            });
            return {
              status: 'up',
              latencyMs: 5,
              httpStatus: 200,
              error: null,
            };
          },
        );
        return {
          store,
          service: new HealthService({
            store,
            prober: { probe } as unknown as Prober,
            logger: mockServices.logger.mock(),
            sampleRetentionDays: 7,
            now: () => new Date(clock),
          }),
        };
      };
      const a = await backend('a', first);
      const b = await backend('b', second);
      const definitions = Array.from({ length: CHECKS }, (_, i) =>
        checkDefinition({
          name: `check-${i}`,
          url: `https://c${i}.example.com/healthz`,
          intervalSeconds: INTERVAL_S,
        }),
      );
      // both backends sync the same config at startup
      await Promise.all([
        a.service.syncChecks(definitions),
        b.service.syncChecks(definitions),
      ]);

      // 60 s in 1 s ticks; both backends' schedulers fire on every tick
      // and claim concurrently
      for (let tick = 0; tick < 60; tick++) {
        await Promise.all([
          a.service.probeDueChecks(),
          b.service.probeDueChecks(),
          a.service.probeDueChecks(),
          b.service.probeDueChecks(),
        ]);
        clock += 1000;
      }

      const rows: Array<{ check_id: number; sampled_at: Date }> = await first(
        'health_samples',
      )
        .select('check_id', 'sampled_at')
        .orderBy(['check_id', 'sampled_at']);
      const byCheck = new Map<number, number[]>();
      for (const row of rows) {
        const list = byCheck.get(Number(row.check_id)) ?? [];
        list.push(new Date(row.sampled_at).getTime());
        byCheck.set(Number(row.check_id), list);
      }
      expect(byCheck.size).toBe(CHECKS);
      for (const times of byCheck.values()) {
        // 60 s at a 10 s interval: exactly 6 samples, one per interval
        expect(times).toHaveLength(6);
        const slots = times.map(t =>
          Math.floor((t - start) / (INTERVAL_S * 1000)),
        );
        expect(new Set(slots).size).toBe(6);
        for (let i = 1; i < times.length; i++) {
          expect(times[i] - times[i - 1]).toBe(INTERVAL_S * 1000);
        }
      }
      // both backends did part of the work
      expect(new Set(probed.map(p => p.backend))).toEqual(new Set(['a', 'b']));
      expect(probed).toHaveLength(CHECKS * 6);
    });
  }
});
