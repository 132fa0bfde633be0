import { HealthSample, HealthStatus } from '@opshub/plugin-infra-health-common';

/**
 * How many of the latest samples {@link computeHealthStatus} looks at.
 *
 * @internal
 */
export const RECENT_SAMPLE_COUNT = 5;

/**
 * The current status of a check from its latest samples, newest first:
 * no samples: `unknown`; last sample down: `unhealthy`; last sample degraded,
 * or any of the last five down: `degraded`; otherwise `healthy`.
 *
 * @internal
 */
export function computeHealthStatus(
  newestFirst: ReadonlyArray<Pick<HealthSample, 'status'>>,
): HealthStatus {
  const [latest] = newestFirst;
  if (!latest) return 'unknown';
  if (latest.status === 'down') return 'unhealthy';
  if (
    latest.status === 'degraded' ||
    newestFirst
      .slice(0, RECENT_SAMPLE_COUNT)
      .some(sample => sample.status === 'down')
  ) {
    return 'degraded';
  }
  return 'healthy';
}

/**
 * The `p`th percentile (0-100) by the nearest-rank method; undefined for no
 * values.
 *
 * @internal
 */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * Uptime and latency figures of a window of samples (the last 24 hours).
 * Uptime is the share of samples that are not `down`; latencies are taken
 * from those samples only, since a failed probe has no response time.
 *
 * @internal
 */
export function summarizeSamples(
  samples: ReadonlyArray<Pick<HealthSample, 'status' | 'latencyMs'>>,
): {
  uptimePercent24h: number | null;
  latencyP95Ms: number | null;
  latencyAvgMs: number | null;
} {
  if (samples.length === 0) {
    return { uptimePercent24h: null, latencyP95Ms: null, latencyAvgMs: null };
  }
  const answered = samples
    .filter(sample => sample.status !== 'down')
    .map(sample => sample.latencyMs);
  const uptime = (answered.length / samples.length) * 100;
  return {
    uptimePercent24h: Math.round(uptime * 100) / 100,
    latencyP95Ms: percentile(answered, 95) ?? null,
    latencyAvgMs:
      answered.length === 0
        ? null
        : Math.round(answered.reduce((a, b) => a + b, 0) / answered.length),
  };
}
