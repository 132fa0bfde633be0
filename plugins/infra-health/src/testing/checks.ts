import { CheckWithStatus } from '@opshub/plugin-infra-health-common';

/**
 * A check with status for tests.
 *
 * @internal
 */
export function checkWithStatus(
  overrides: Partial<CheckWithStatus> & { id: number; name: string },
): CheckWithStatus {
  return {
    service: 'payments-api',
    kind: 'http',
    source: 'config',
    failureThreshold: 1,
    successThreshold: 1,
    runbookUrl: null,
    maintenanceWindows: [],
    settings: {},
    effectiveStatus:
      overrides.status === 'maintenance'
        ? 'unhealthy'
        : overrides.status ?? 'healthy',
    inMaintenance: overrides.status === 'maintenance',
    statusChangedAt: '2026-11-21T10:00:00.000Z',
    url: `https://${overrides.name}.example.com/healthz`,
    method: 'GET',
    expectedStatus: 200,
    intervalSeconds: 30,
    timeoutMs: 5000,
    degradedLatencyMs: 1000,
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    status: 'healthy',
    latestSample: {
      id: overrides.id * 100,
      checkId: overrides.id,
      status: 'up',
      latencyMs: 87,
      httpStatus: 200,
      error: null,
      detail: null,
      certDaysLeft: null,
      sampledAt: '2026-11-21T11:59:30.000Z',
    },
    uptimePercent24h: 99.5,
    latencyP95Ms: 140,
    latencyAvgMs: 90,
    ...overrides,
  };
}

/**
 * Two checks of payments-api, one healthy and one unhealthy.
 *
 * @internal
 */
export const paymentsChecks: CheckWithStatus[] = [
  checkWithStatus({ id: 1, name: 'payments-prod' }),
  checkWithStatus({
    id: 2,
    name: 'payments-eu',
    status: 'unhealthy',
    latestSample: {
      id: 201,
      checkId: 2,
      status: 'down',
      latencyMs: 5000,
      httpStatus: null,
      error: 'Timed out after 5000 ms',
      detail: null,
      certDaysLeft: null,
      sampledAt: '2026-11-21T11:59:00.000Z',
    },
    uptimePercent24h: 80,
  }),
];
