import type { Page } from '@opshub/opshub-common';
import type {
  HealthCheckKind,
  HealthCheckSettings,
  HealthCheckSource,
  MaintenanceWindow,
} from './checks';

/**
 * The current status of a health check, with flap tolerance: `unknown`
 * before the first sample, `unhealthy` after `failureThreshold` consecutive
 * failed probes, back to `healthy` or `degraded` (the last sample's result)
 * after `successThreshold` consecutive answers; `maintenance` while one of
 * the check's or the global maintenance windows is open.
 *
 * @public
 */
export type HealthStatus =
  | 'healthy'
  | 'degraded'
  | 'unhealthy'
  | 'unknown'
  | 'maintenance';

/**
 * The outcome of one probe: `up` (expected status, fast enough), `degraded`
 * (expected status, slower than the check's threshold) or `down` (network
 * error, timeout or unexpected HTTP status).
 *
 * @public
 */
export type HealthSampleStatus = 'up' | 'degraded' | 'down';

/**
 * A health check, from `infraHealth.checks` or the API.
 *
 * @public
 */
export interface HealthCheck {
  id: number;
  /** Unique name of the check. */
  name: string;
  /** The service the check belongs to, e.g. `payments-api`. */
  service: string;
  kind: HealthCheckKind;
  /** `config` checks are read-only through the API. */
  source: HealthCheckSource;
  /**
   * The probed target without credentials, query string or fragment: the
   * URL (http), `tcp://host:port`, `tls://host:port` or the PostgreSQL URL.
   */
  url: string;
  method: string;
  expectedStatus: number;
  intervalSeconds: number;
  timeoutMs: number;
  /** Responses slower than this are recorded as `degraded`. */
  degradedLatencyMs: number;
  /** Consecutive failed probes before the check is `unhealthy`. */
  failureThreshold: number;
  /** Consecutive answered probes before an unhealthy check recovers. */
  successThreshold: number;
  /** Where to look when the check fails. */
  runbookUrl: string | null;
  maintenanceWindows: MaintenanceWindow[];
  /** Kind-specific settings, without secrets. */
  settings: HealthCheckSettings;
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
  /** A note on an answered probe, e.g. why it is `degraded`. */
  detail: string | null;
  /** tls: whole days until the certificate expires (negative: expired). */
  certDaysLeft: number | null;
  sampledAt: string;
}

/**
 * A health check with its current status and its figures over the last 24
 * hours.
 *
 * @public
 */
export interface CheckWithStatus extends HealthCheck {
  /** The status to show: {@link CheckWithStatus.effectiveStatus}, or `maintenance`. */
  status: HealthStatus;
  /** The flap-tolerant status, also during maintenance. */
  effectiveStatus: HealthStatus;
  /** Whether a maintenance window is open now. */
  inMaintenance: boolean;
  /** When the effective status last changed; null before the first sample. */
  statusChangedAt: string | null;
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
