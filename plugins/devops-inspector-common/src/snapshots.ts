import type { CompareSummary, MultiCompareResult } from './compare';

/**
 * Prefix of a compare reference that names a stored schema snapshot instead
 * of an environment: `snapshot:<id>`.
 *
 * @public
 */
export const SNAPSHOT_REF_PREFIX = 'snapshot:';

/**
 * The compare reference of a stored snapshot, for `source` or `targets` of
 * `POST /compare` and `POST /compare/jobs`.
 *
 * @public
 */
export function snapshotRef(id: string): string {
  return `${SNAPSHOT_REF_PREFIX}${id}`;
}

/**
 * The snapshot id of a `snapshot:<id>` reference, or `undefined` for an
 * environment name. Does not check the id's shape.
 *
 * @public
 */
export function parseSnapshotRef(ref: string): string | undefined {
  return ref.startsWith(SNAPSHOT_REF_PREFIX)
    ? ref.slice(SNAPSHOT_REF_PREFIX.length)
    : undefined;
}

/**
 * Where a compare job is: reading the source, reading the targets, diffing,
 * or finished.
 *
 * @public
 */
export type CompareJobPhase = 'source' | 'targets' | 'diff' | 'done';

/**
 * The state of a compare job.
 *
 * @public
 */
export type CompareJobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/**
 * How far a compare job has got. `total` counts the schemas to read (source
 * and targets) plus one diff per target; `message` says what runs now, e.g.
 * `Introspecting target 2 of 3 (uat)`.
 *
 * @public
 */
export interface CompareJobProgress {
  phase: CompareJobPhase;
  completed: number;
  total: number;
  message: string;
}

/**
 * A schema comparison running in the background (`POST /compare/jobs`).
 * `result` is set once it `succeeded`, `error` once it `failed`.
 *
 * @public
 */
export interface CompareJob {
  id: string;
  state: CompareJobState;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601, once the job is no longer running. */
  finishedAt?: string;
  progress: CompareJobProgress;
  error?: string;
  result?: MultiCompareResult;
}

/**
 * The message published on {@link compareJobSignalChannel} whenever a job
 * progresses or ends: the job without its result (fetch it with
 * `GET /compare/jobs/:id`).
 *
 * @public
 */
export type CompareJobSignal = Omit<CompareJob, 'result'>;

/**
 * The signal channel of one compare job, published to the job's creator.
 *
 * @public
 */
export function compareJobSignalChannel(id: string): string {
  return `devops-inspector:compare-job:${id}`;
}

/**
 * Body of `POST /compare/jobs` and `POST /compare`: `source` and every
 * target are environment names or `snapshot:<id>` references.
 *
 * @public
 */
export interface CompareJobRequest {
  source: string;
  targets: string[];
}

/**
 * A stored schema snapshot, without its content.
 *
 * @public
 */
export interface SchemaSnapshotSummary {
  /** A UUID; compare against it with `snapshot:<id>`. */
  id: string;
  environment: string;
  label: string | null;
  /** ISO 8601. */
  takenAt: string;
  /** Entity ref of the user, or `plugin:<id>` for a service or the scheduled drift check. */
  takenBy: string;
  /** How many catalog objects the snapshot holds. */
  objectCount: number;
  /** Size of the stored (compressed) snapshot in bytes. */
  sizeBytes: number;
}

/**
 * Body of `POST /snapshots`.
 *
 * @public
 */
export interface CreateSnapshotRequest {
  environment: string;
  label?: string;
}

/**
 * A page of snapshots, newest first (`GET /snapshots`).
 *
 * @public
 */
export interface SchemaSnapshotPage {
  items: SchemaSnapshotSummary[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * One scheduled drift check: the environment's new snapshot compared with
 * its previous one (previous = source, new = target).
 *
 * @public
 */
export interface DriftRecord {
  id: string;
  environment: string;
  snapshotId: string;
  previousSnapshotId: string;
  /** ISO 8601. */
  checkedAt: string;
  summary: CompareSummary;
  /** True when code that worked against the previous schema may fail now. */
  breaking: boolean;
}

/**
 * A page of drift records, newest first (`GET /drift`).
 *
 * @public
 */
export interface DriftRecordPage {
  items: DriftRecord[];
  total: number;
  limit: number;
  offset: number;
}

/**
 * The signal channel on which breaking drift is announced.
 *
 * @public
 */
export const DRIFT_SIGNAL_CHANNEL = 'devops-inspector:drift';

/**
 * The message published on {@link DRIFT_SIGNAL_CHANNEL}: which environment
 * drifted and where to read the record (`GET /drift?environment=`).
 *
 * @public
 */
export interface DriftSignal {
  id: string;
  environment: string;
  snapshotId: string;
  previousSnapshotId: string;
  checkedAt: string;
  breaking: boolean;
}
