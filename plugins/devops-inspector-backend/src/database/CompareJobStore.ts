import {
  CompareJobProgress,
  CompareJobRequest,
  CompareJobState,
} from '@opshub/plugin-devops-inspector-common';

/**
 * What a job compares, as stored: the request and the environment of its
 * source (for the activity log).
 *
 * @internal
 */
export interface StoredCompareRequest extends CompareJobRequest {
  environment: string;
}

/**
 * A compare job as stored; `result` is still compressed.
 *
 * @internal
 */
export interface StoredCompareJob {
  id: string;
  state: CompareJobState;
  createdBy: string;
  request: StoredCompareRequest;
  progress: CompareJobProgress;
  error: string | null;
  result: Buffer | null;
  createdAt: Date;
  /** The last progress or heartbeat of the backend running it. */
  updatedAt: Date;
  finishedAt: Date | null;
}

/**
 * How a running job ends; `result` is compressed.
 *
 * @internal
 */
export type CompareJobOutcome =
  | { state: 'succeeded'; result: Buffer; progress: CompareJobProgress }
  | { state: 'failed'; error: string; progress: CompareJobProgress };

/**
 * Storage of compare jobs, shared by every backend instance. Every change
 * of a job applies only while it is `running`, so the first of a finish, a
 * cancel and a stale check wins.
 *
 * @internal
 */
export interface CompareJobStore {
  create(job: {
    id: string;
    createdBy: string;
    request: StoredCompareRequest;
    progress: CompareJobProgress;
    now: Date;
  }): Promise<void>;
  get(id: string): Promise<StoredCompareJob | undefined>;
  /** The job's state alone (cheap enough to poll). */
  stateOf(id: string): Promise<CompareJobState | undefined>;
  /** False when the job is no longer running. */
  updateProgress(
    id: string,
    progress: CompareJobProgress,
    now: Date,
  ): Promise<boolean>;
  /** Marks the job alive; false when it is no longer running. */
  heartbeat(id: string, now: Date): Promise<boolean>;
  /** False when the job is no longer running. */
  finish(id: string, outcome: CompareJobOutcome, now: Date): Promise<boolean>;
  /** Cancels the running job; false when it is no longer running. */
  cancel(id: string, now: Date): Promise<boolean>;
  /**
   * Fails the job when it is running and had no progress nor heartbeat
   * since `staleBefore`; true when it did.
   */
  failIfStale(
    id: string,
    staleBefore: Date,
    error: string,
    now: Date,
  ): Promise<boolean>;
  /** Deletes the jobs that finished before `before`; returns how many. */
  pruneFinished(before: Date): Promise<number>;
}
