import { HealthSampleStatus } from '@opshub/plugin-infra-health-common';
import { Knex } from 'knex';
import { HealthCheckDefinition } from '../database/HealthStore';

/**
 * An http check definition with the configuration defaults, for tests.
 *
 * @internal
 */
export function checkDefinition(
  overrides: Partial<HealthCheckDefinition> & { name: string },
): HealthCheckDefinition {
  return {
    service: 'payments-api',
    kind: 'http',
    url: `https://${overrides.name}.example.com/healthz`,
    method: 'GET',
    expectedStatus: 200,
    intervalSeconds: 30,
    timeoutMs: 5000,
    degradedLatencyMs: 1000,
    failureThreshold: 1,
    successThreshold: 1,
    runbookUrl: null,
    maintenanceWindows: [],
    settings: {},
    headers: {},
    ...overrides,
  };
}

/**
 * Inserts samples for tests; returns their ids in insertion order.
 *
 * @internal
 */
export async function seedSamples(
  knex: Knex,
  checkId: number,
  samples: Array<{
    status: HealthSampleStatus;
    sampledAt: string | Date;
    latencyMs?: number;
    httpStatus?: number | null;
    error?: string | null;
  }>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const sample of samples) {
    const down = sample.status === 'down';
    const defaultStatus = down ? 500 : 200;
    const defaultError = down ? 'Expected HTTP 200, got 500' : null;
    const [inserted] = await knex('health_samples')
      .insert({
        check_id: checkId,
        status: sample.status,
        latency_ms: sample.latencyMs ?? 100,
        http_status:
          sample.httpStatus === undefined ? defaultStatus : sample.httpStatus,
        error: sample.error === undefined ? defaultError : sample.error,
        sampled_at: new Date(sample.sampledAt),
      })
      .returning('id');
    ids.push(Number(typeof inserted === 'object' ? inserted.id : inserted));
  }
  return ids;
}
