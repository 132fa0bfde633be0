import {
  HealthCheck,
  HealthCheckKind,
  HealthCheckSettings,
  HealthSample,
  HealthSampleStatus,
  HealthStatus,
  MaintenanceWindow,
} from '@opshub/plugin-infra-health-common';
import { PageQuery } from '@opshub/opshub-common';

/**
 * A health check as configured or posted, with every default applied.
 *
 * @internal
 */
export interface HealthCheckDefinition {
  name: string;
  service: string;
  kind: HealthCheckKind;
  /**
   * The target as given (it may contain credentials): the URL (http),
   * `tcp://host:port`, `tls://host:port` or the PostgreSQL connection URL.
   */
  url: string;
  method: string;
  expectedStatus: number;
  intervalSeconds: number;
  timeoutMs: number;
  degradedLatencyMs: number;
  failureThreshold: number;
  successThreshold: number;
  runbookUrl: string | null;
  maintenanceWindows: MaintenanceWindow[];
  settings: HealthCheckSettings;
  /** http request headers; values may be secrets. */
  headers: Record<string, string>;
}

/**
 * The flap-tolerance state of a check.
 *
 * @internal
 */
export interface CheckState {
  effectiveStatus: Exclude<HealthStatus, 'maintenance'>;
  /** The effective status last announced to listeners. */
  notifiedStatus: Exclude<HealthStatus, 'maintenance'>;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  /** ISO time of the last effective status change. */
  statusChangedAt: string | null;
}

/**
 * A stored check: the target as given (callers redact it), the header
 * values and the flap-tolerance state.
 *
 * @internal
 */
export interface StoredCheck extends HealthCheck, CheckState {
  headers: Record<string, string>;
  /** Epoch ms when the check is next due; null: due now. */
  nextRunMs: number | null;
}

/**
 * A check claimed for one probe round, with the time it was due.
 *
 * @internal
 */
export interface ClaimedCheck extends StoredCheck {
  dueMs: number;
}

/**
 * What {@link HealthStore.syncChecks} changed, by check name.
 *
 * @internal
 */
export interface SyncChecksResult {
  added: string[];
  updated: string[];
  removed: string[];
}

/**
 * A sample to record.
 *
 * @internal
 */
export interface NewHealthSample {
  checkId: number;
  status: HealthSampleStatus;
  latencyMs: number;
  httpStatus: number | null;
  error: string | null;
  detail?: string | null;
  certDaysLeft?: number | null;
  sampledAt: Date;
}

/**
 * A recorded sample with the state of its check before and after it.
 *
 * @internal
 */
export interface RecordedSample {
  sample: HealthSample;
  before: CheckState;
  after: CheckState;
}

/**
 * Storage of health checks and their samples. The checks it returns carry the
 * target as given; callers must redact it before showing it.
 *
 * @internal
 */
export interface HealthStore {
  /**
   * Makes the stored config checks equal to `checks` in one transaction:
   * inserts new names, updates changed ones and deletes the other config
   * checks with their samples. API checks are left alone, except one whose
   * name a config check takes: it becomes that config check.
   */
  syncChecks(
    checks: HealthCheckDefinition[],
    now: Date,
  ): Promise<SyncChecksResult>;
  /** Checks ordered by service, then name. */
  listChecks(filter: { service?: string }): Promise<StoredCheck[]>;
  getCheck(id: number): Promise<StoredCheck | undefined>;
  /** Adds an API check, due at once; ConflictError when the name is taken. */
  createCheck(check: HealthCheckDefinition, now: Date): Promise<StoredCheck>;
  /**
   * Replaces an API check's definition; undefined for unknown ids,
   * ConflictError for config checks and taken names.
   */
  updateCheck(
    id: number,
    check: HealthCheckDefinition,
    now: Date,
  ): Promise<StoredCheck | undefined>;
  /** Deletes an API check and its samples; false for unknown ids, ConflictError for config checks. */
  deleteCheck(id: number): Promise<boolean>;
  /**
   * Claims the checks due before `nowMs + lookaheadMs` (at most `limit`) and
   * moves their next run one interval on, in one conditional statement, so
   * that concurrent callers (two backends) never claim a check twice for
   * one interval.
   */
  claimDueChecks(options: {
    nowMs: number;
    lookaheadMs: number;
    limit: number;
  }): Promise<ClaimedCheck[]>;
  /**
   * Records the samples of one probe round with one multi-row insert and
   * moves each check's state on with `next`, in one transaction, in
   * sampling order.
   */
  recordSamples(
    samples: NewHealthSample[],
    next: (
      state: CheckState,
      sample: NewHealthSample,
      checkId: number,
    ) => CheckState,
  ): Promise<RecordedSample[]>;
  /** Records one sample; {@link HealthStore.recordSamples} of one. */
  addSample(sample: NewHealthSample): Promise<HealthSample>;
  /** Up to `perCheck` latest samples of each check, newest first. */
  recentSamples(checkIds: number[], perCheck: number): Promise<HealthSample[]>;
  /** The samples of the checks taken at or after `since`. */
  samplesSince(
    checkIds: number[],
    since: Date,
  ): Promise<Array<Pick<HealthSample, 'checkId' | 'status' | 'latencyMs'>>>;
  /** One check's samples, newest first. */
  listSamples(
    checkId: number,
    page: PageQuery,
  ): Promise<{ items: HealthSample[]; totalCount: number }>;
  /** Deletes samples older than `before`; returns how many. */
  deleteSamplesBefore(before: Date): Promise<number>;
}
