import type { Page } from '@opshub/opshub-common';

/**
 * The current status of a health check, derived from its latest samples:
 * `unknown` before the first sample, `unhealthy` when the last probe failed,
 * `degraded` when it was slow or one of the last five failed, else `healthy`.
 *
 * @public
 */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

/**
 * The outcome of one probe: `up` (expected status, fast enough), `degraded`
 * (expected status, slower than the check's threshold) or `down` (network
 * error, timeout or unexpected HTTP status).
 *
 * @public
 */
export type HealthSampleStatus = 'up' | 'degraded' | 'down';

/**
 * An HTTP health check, as configured in `infraHealth.checks`.
 *
 * @public
 */
export interface HealthCheck {
  id: number;
  /** Unique name of the check. */
  name: string;
  /** The service the check belongs to, e.g. `payments-api`. */
  service: string;
  /** The probed URL without credentials, query string or fragment. */
  url: string;
  method: string;
  expectedStatus: number;
  intervalSeconds: number;
  timeoutMs: number;
  /** Responses slower than this are recorded as `degraded`. */
  degradedLatencyMs: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * One probe of a health check.
 *
 * @public
 */
export interface HealthSample {
  id: number;
  checkId: number;
  status: HealthSampleStatus;
  /** Time until the response headers arrived, or until the probe failed. */
  latencyMs: number;
  /** The HTTP status, or null when no response arrived. */
  httpStatus: number | null;
  /** Why the probe was `down`; null otherwise. Never contains credentials. */
  error: string | null;
  sampledAt: string;
}

/**
 * A health check with its current status and its figures over the last 24
 * hours.
 *
 * @public
 */
export interface CheckWithStatus extends HealthCheck {
  status: HealthStatus;
  latestSample: HealthSample | null;
  /**
   * Share of the last 24 hours' samples that were not `down`, in percent
   * (0-100); null when there was no sample in that window.
   */
  uptimePercent24h: number | null;
  /** 95th percentile latency of the last 24 hours' successful samples. */
  latencyP95Ms: number | null;
  /** Average latency of the last 24 hours' successful samples. */
  latencyAvgMs: number | null;
}

/**
 * A page of samples, newest first, as every OpsHub list route returns it.
 *
 * @public
 */
export type HealthSamplePage = Page<HealthSample>;
