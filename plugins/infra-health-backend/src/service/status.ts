import {
  HealthSample,
  HealthSampleStatus,
  MaintenanceWindow,
} from '@opshub/plugin-infra-health-common';
import { CheckState } from '../database/HealthStore';

/**
 * How many latest samples of each check the check list loads.
 *
 * @internal
 */
export const RECENT_SAMPLE_COUNT = 1;

/**
 * Whether one of the maintenance windows is open at `at` (start inclusive,
 * end exclusive). Windows with unparseable times never match.
 *
 * @internal
 */
export function isInMaintenance(
  windows: ReadonlyArray<MaintenanceWindow>,
  at: Date,
): boolean {
  const time = at.getTime();
  return windows.some(
    window => Date.parse(window.start) <= time && time < Date.parse(window.end),
  );
}

/**
 * The next flap-tolerance state of a check after one sample:
 *
 * - a `down` sample counts a failure; after `failureThreshold` consecutive
 *   failures the check is `unhealthy` (a new check stays `unknown` until
 *   then);
 * - an `up` or `degraded` sample counts a success; an `unhealthy` check
 *   recovers after `successThreshold` consecutive successes; otherwise the
 *   check follows the sample (`healthy` or `degraded`) at once;
 * - outside maintenance, the notified status follows the effective one, so
 *   a difference between the two before and after marks a change to
 *   announce; during maintenance it stays, and a change that outlasts the
 *   window is announced by the first sample after it.
 *
 * Counters stop at their threshold, so a steady check's state does not
 * change from sample to sample.
 *
 * @internal
 */
export function nextCheckState(
  state: CheckState,
  sample: { status: HealthSampleStatus; sampledAt: Date },
  options: {
    failureThreshold: number;
    successThreshold: number;
    inMaintenance: boolean;
  },
): CheckState {
  const failed = sample.status === 'down';
  const failures = failed
    ? Math.min(state.consecutiveFailures + 1, options.failureThreshold)
    : 0;
  const successes = failed
    ? 0
    : Math.min(state.consecutiveSuccesses + 1, options.successThreshold);
  const answered: CheckState['effectiveStatus'] =
    sample.status === 'degraded' ? 'degraded' : 'healthy';
  let effective = state.effectiveStatus;
  if (failed) {
    if (failures >= options.failureThreshold) effective = 'unhealthy';
  } else if (effective !== 'unhealthy') {
    effective = answered;
  } else if (successes >= options.successThreshold) {
    effective = answered;
  }
  return {
    effectiveStatus: effective,
    notifiedStatus: options.inMaintenance ? state.notifiedStatus : effective,
    consecutiveFailures: failures,
    consecutiveSuccesses: successes,
    statusChangedAt:
      effective === state.effectiveStatus
        ? state.statusChangedAt
        : sample.sampledAt.toISOString(),
  };
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
