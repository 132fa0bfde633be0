/**
 * Where an SLO's indicator comes from: a Prometheus good/total counter pair,
 * or the plugin's own health-check samples and hourly rollups.
 *
 * @public
 */
export type SloSource = 'prometheus' | 'checks';

/**
 * An SLO as configured in `infraHealth.slos` or created through the API.
 *
 * @public
 */
export interface SloDefinition {
  /** Unique name of the SLO. */
  name: string;
  /** The service it belongs to, as `opshub.io/health-service` names it. */
  service: string;
  /** Target in percent, above 0 and below 100, e.g. `99.9`. */
  objective: number;
  /** The compliance window, e.g. `30d`, `7d`, `12h` (units s, m, h, d, w). */
  window: string;
  source: SloSource;
  /**
   * Prometheus only: a counter selector of the good events, e.g.
   * `http_requests_total{job="payments",code!~"5.."}`.
   */
  good?: string;
  /** Prometheus only: a counter selector of all events. */
  total?: string;
}

/**
 * A stored SLO. `origin: 'config'` SLOs come from `infraHealth.slos` and are
 * read-only through the API.
 *
 * @public
 */
export interface Slo extends SloDefinition {
  id: number;
  origin: 'config' | 'api';
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * One multi-window burn-rate alert pair of the SRE workbook: it fires when the
 * burn rate over both the long and the short window exceeds `factor`.
 *
 * @public
 */
export interface SloBurnRatePair {
  /** e.g. `1h` */
  longWindow: string;
  /** e.g. `5m` */
  shortWindow: string;
  /** e.g. `14.4` */
  factor: number;
  /** Burn rate over the long window; null without data. */
  longBurnRate: number | null;
  /** Burn rate over the short window; null without data. */
  shortBurnRate: number | null;
  firing: boolean;
}

/**
 * One point of an SLO chart: the SLI of the bucket that ends at `time`
 * (ratio 0-1), and its burn rate. Both are null for a bucket without events.
 *
 * @public
 */
export interface SloRangePoint {
  time: string;
  sli: number | null;
  burnRate: number | null;
}

/**
 * Why an SLO has no figures: `not_configured` when its source is Prometheus
 * and `infraHealth.prometheus.baseUrl` is unset, `error` when the source
 * failed (unreachable, bad query, timeout).
 *
 * @public
 */
export interface SloError {
  kind: 'not_configured' | 'error';
  message: string;
}

/**
 * An SLO with its figures, as `GET /slos` returns it.
 *
 * @public
 */
export interface SloStatus extends Slo {
  /** Good events / all events over the window (0-1); null without data. */
  sli: number | null;
  /**
   * Share of the error budget left over the window: 1 - (1 - sli) /
   * (1 - objective / 100). Negative when the budget is overspent; null
   * without data.
   */
  errorBudgetRemaining: number | null;
  burnRates: SloBurnRatePair[];
  /** Bucket length of `range`, e.g. `1h`. */
  rangeStep: string;
  range: SloRangePoint[];
  /** Set when the figures could not be computed; the others are then null/empty. */
  error: SloError | null;
}

/**
 * One hour of a health check's samples.
 *
 * @public
 */
export interface CheckRollup {
  checkId: number;
  /** Start of the hour, ISO 8601. */
  hour: string;
  count: number;
  upCount: number;
  degradedCount: number;
  /** Latency percentiles of the samples that were not down; null if none. */
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
}

/**
 * One log line of a service, as `GET /logs` returns it.
 *
 * @public
 */
export interface ServiceLogLine {
  timestamp: string;
  level: 'error' | 'warning' | 'info' | 'debug' | 'unknown';
  message: string;
  source?: string;
}

/**
 * The answer of `GET /logs`: `configured: false` when no log source is set
 * up; `error` when the source failed (the lines are then empty).
 *
 * @public
 */
export interface ServiceLogs {
  configured: boolean;
  /** The log source's name, e.g. `opensearch`. */
  source: string | null;
  lines: ServiceLogLine[];
  error: string | null;
}
