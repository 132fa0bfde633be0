import {
  HealthCheck,
  HealthSample,
  HealthSampleStatus,
} from '@opshub/plugin-infra-health-common';
import { PageQuery } from '@opshub/opshub-common';

/**
 * A health check as configured, with every default applied.
 *
 * @internal
 */
export interface HealthCheckDefinition {
  name: string;
  service: string;
  /** The URL to probe, as configured (it may contain credentials). */
  url: string;
  method: string;
  expectedStatus: number;
  intervalSeconds: number;
  timeoutMs: number;
  degradedLatencyMs: number;
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
  sampledAt: Date;
}

/**
 * Storage of health checks and their samples. The checks it returns carry the
 * URL as configured; callers must redact it before showing it.
 *
 * @internal
 */
export interface HealthStore {
  /**
   * Makes the stored checks equal to `checks` in one transaction: inserts new
   * names, updates changed ones and deletes the others with their samples.
   */
  syncChecks(
    checks: HealthCheckDefinition[],
    now: Date,
  ): Promise<SyncChecksResult>;
  /** Checks ordered by service, then name. */
  listChecks(filter: { service?: string }): Promise<HealthCheck[]>;
  getCheck(id: number): Promise<HealthCheck | undefined>;
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
  /** When each check that has samples was last sampled. */
  lastSampledAt(): Promise<Map<number, Date>>;
  /** Deletes samples older than `before`; returns how many. */
  deleteSamplesBefore(before: Date): Promise<number>;
}
