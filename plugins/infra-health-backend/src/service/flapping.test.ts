import { mockServices } from '@backstage/backend-test-utils';
import { HealthSampleStatus } from '@opshub/plugin-infra-health-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { checkDefinition } from '../testing/fixtures';
import { HealthService } from './HealthService';
import { Prober, ProbeResult } from './Prober';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const T0 = Date.parse('2026-12-01T10:00:00.000Z');

describe.each(ids)('flap tolerance and maintenance on %s', databaseId => {
  async function setup(
    overrides: Parameters<typeof checkDefinition>[0] = { name: 'pay' },
    globalWindows: Array<{ start: string; end: string }> = [],
  ) {
    const knex = await init(databaseId);
    const store = await DatabaseHealthStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    let clock = T0;
    let next: HealthSampleStatus = 'up';
    const probe = jest.fn(
      async (): Promise<ProbeResult> => ({
        status: next,
        latencyMs: 10,
        httpStatus: next === 'down' ? 500 : 200,
        error: next === 'down' ? 'Expected HTTP 200, got 500' : null,
      }),
    );
    const onStatusChange = jest.fn();
    const signals = { publish: jest.fn(async () => undefined) };
    const service = new HealthService({
      store,
      prober: { probe } as unknown as Prober,
      logger: mockServices.logger.mock(),
      sampleRetentionDays: 7,
      maintenanceWindows: globalWindows,
      onStatusChange,
      signals,
      now: () => new Date(clock),
    });
    await service.syncChecks([
      checkDefinition({
        failureThreshold: 3,
        successThreshold: 2,
        ...overrides,
      }),
    ]);
    const [check] = await store.listChecks({});
    /** One probe per interval with the given results. */
    const sampleEach = async (...statuses: HealthSampleStatus[]) => {
      for (const status of statuses) {
        next = status;
        const recorded = await service.probeDueChecks();
        expect(recorded).toHaveLength(1);
        clock += check.intervalSeconds * 1000;
      }
    };
    return { knex, service, check, sampleEach, onStatusChange, signals };
  }

  it('raises no status change for failures within the tolerance', async () => {
    const { service, check, sampleEach, onStatusChange, signals } =
      await setup();
    await sampleEach('up', 'down', 'down', 'up', 'down', 'down', 'up');
    expect(onStatusChange).not.toHaveBeenCalled();
    expect(signals.publish).toHaveBeenCalledTimes(1); // unknown -> healthy
    const current = await service.getCheck(check.id);
    expect(current).toMatchObject({
      status: 'healthy',
      latestSample: { status: 'up' },
    });

    await sampleEach('down', 'down', 'down');
    expect(onStatusChange).toHaveBeenCalledTimes(1);
    expect(onStatusChange).toHaveBeenCalledWith(
      expect.objectContaining({ id: check.id, name: 'pay' }),
      'healthy',
      'unhealthy',
    );
    // the listener never sees secrets or state
    expect(onStatusChange.mock.calls[0][0]).not.toHaveProperty('headers');

    // one answer is not enough to recover (successThreshold 2)
    await sampleEach('up');
    expect((await service.getCheck(check.id)).status).toBe('unhealthy');
    await sampleEach('up');
    expect(onStatusChange).toHaveBeenLastCalledWith(
      expect.anything(),
      'unhealthy',
      'healthy',
    );
    expect(signals.publish).toHaveBeenLastCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'infra-health:checks',
      message: {
        type: 'check.status',
        checkId: check.id,
        service: 'payments-api',
        from: 'unhealthy',
        to: 'healthy',
      },
    });
  });

  it('records samples but announces nothing during a maintenance window', async () => {
    // the window covers the 2nd to 5th probe (30 s interval)
    const window = {
      start: new Date(T0 + 30_000).toISOString(),
      end: new Date(T0 + 150_000).toISOString(),
    };
    const { knex, service, check, sampleEach, onStatusChange } = await setup({
      name: 'pay',
      failureThreshold: 1,
      maintenanceWindows: [window],
    });
    await sampleEach('up');
    await sampleEach('down');
    expect(await service.getCheck(check.id)).toMatchObject({
      status: 'maintenance',
      effectiveStatus: 'unhealthy',
      inMaintenance: true,
    });
    await sampleEach('down', 'down', 'down');
    expect(onStatusChange).not.toHaveBeenCalled();
    const [{ count }] = await knex('health_samples').count({ count: '*' });
    expect(Number(count)).toBe(5);

    // still down after the window: the first sample after it announces it
    await sampleEach('down');
    expect(onStatusChange).toHaveBeenCalledTimes(1);
    expect(onStatusChange).toHaveBeenCalledWith(
      expect.anything(),
      'healthy',
      'unhealthy',
    );
  });

  it('applies the global maintenance windows too', async () => {
    const { sampleEach, onStatusChange } = await setup(
      { name: 'pay', failureThreshold: 1 },
      [
        {
          start: new Date(T0).toISOString(),
          end: new Date(T0 + 3_600_000).toISOString(),
        },
      ],
    );
    await sampleEach('up', 'down', 'up', 'down');
    expect(onStatusChange).not.toHaveBeenCalled();
  });
});
