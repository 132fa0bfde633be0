import { createOpsHubMetrics, OpsHubMetrics } from '@opshub/opshub-node';

const KINDS = ['http', 'tcp', 'tls', 'postgres'] as const;
/** Alertmanager severities as commonly labelled; any other is `other`. */
const SEVERITIES = [
  'critical',
  'error',
  'warning',
  'info',
  'page',
  'high',
  'medium',
  'low',
  'none',
] as const;

/**
 * The severity label of an alert as a metric attribute: one of the common
 * severities, `none` when unset, `other` otherwise.
 *
 * @internal
 */
export function severityOf(
  severity: string | null,
): (typeof SEVERITIES)[number] | 'other' {
  const value = (severity ?? 'none').toLowerCase();
  return (SEVERITIES as readonly string[]).includes(value)
    ? (value as (typeof SEVERITIES)[number])
    : 'other';
}

/**
 * The metrics of infra-health (docs/metrics.md): check runs by kind and
 * status, check latency by kind, and received alerts by status and severity.
 *
 * @internal
 */
export function createInfraHealthMetrics(
  metrics: OpsHubMetrics = createOpsHubMetrics('infra-health'),
) {
  return {
    checkRuns: metrics.counter('check.runs', {
      description:
        'Health check probes run by this backend, by check kind and result (up, degraded, down)',
      unit: '{run}',
      attributes: { kind: KINDS, status: ['up', 'degraded', 'down'] },
    }),
    checkLatency: metrics.histogram('check.latency_ms', {
      description: 'Latency of health check probes, by check kind',
      unit: 'ms',
      attributes: { kind: KINDS },
      buckets: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000],
    }),
    alertsReceived: metrics.counter('alerts.received', {
      description:
        'Alerts received from Alertmanager, by status (firing, resolved) and severity label',
      unit: '{alert}',
      attributes: {
        status: ['firing', 'resolved'],
        severity: [...SEVERITIES, 'other'],
      },
    }),
  };
}

/** @internal */
export type InfraHealthMetrics = ReturnType<typeof createInfraHealthMetrics>;
