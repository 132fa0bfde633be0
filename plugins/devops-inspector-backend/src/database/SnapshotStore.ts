import {
  CompareSummary,
  DriftRecord,
  SchemaSnapshotSummary,
} from '@opshub/plugin-devops-inspector-common';
import { PageQuery } from '@opshub/opshub-common';

/**
 * A snapshot to store; `content` is already compressed.
 *
 * @internal
 */
export interface NewSnapshot {
  environment: string;
  label: string | null;
  takenAt: Date;
  takenBy: string;
  objectCount: number;
  content: Buffer;
}

/**
 * A stored snapshot with its (compressed) content.
 *
 * @internal
 */
export interface StoredSnapshot {
  summary: SchemaSnapshotSummary;
  content: Buffer;
}

/**
 * A drift check to store with the snapshot it was made for.
 *
 * @internal
 */
export interface NewDriftCheck {
  previousSnapshotId: string;
  checkedAt: Date;
  summary: CompareSummary;
  breaking: boolean;
}

/**
 * Which snapshots or drift records to list.
 *
 * @internal
 */
export interface SnapshotFilter {
  /** Only these environments (an empty list matches nothing). */
  environments: readonly string[];
}

/**
 * Storage of schema snapshots and of the drift checks between them.
 *
 * @internal
 */
export interface SnapshotStore {
  insertSnapshot(snapshot: NewSnapshot): Promise<SchemaSnapshotSummary>;
  /**
   * Stores a snapshot and the drift check that compared it with
   * `drift.previousSnapshotId`, in one transaction.
   */
  insertSnapshotWithDrift(
    snapshot: NewSnapshot,
    drift: NewDriftCheck,
  ): Promise<{ snapshot: SchemaSnapshotSummary; drift: DriftRecord }>;
  getSnapshot(id: string): Promise<StoredSnapshot | undefined>;
  getSnapshotSummary(id: string): Promise<SchemaSnapshotSummary | undefined>;
  /** The newest snapshot of the environment. */
  latestSnapshot(environment: string): Promise<StoredSnapshot | undefined>;
  /** Newest first. */
  listSnapshots(
    filter: SnapshotFilter,
    page: PageQuery,
  ): Promise<{ items: SchemaSnapshotSummary[]; total: number }>;
  /**
   * Deletes the snapshots taken before `before` that retention may drop:
   * those without a label and those the drift check took (`takenBy`
   * `plugin:…`). It keeps the newest snapshot of each environment (the next
   * drift check compares with it) and the previous snapshot of every drift
   * check made on or after `before`. The drift checks of a deleted snapshot
   * go with it, in one transaction. Resolves how many snapshots it deleted.
   */
  pruneSnapshots(before: Date): Promise<number>;
  /** Newest first. */
  listDrift(
    filter: SnapshotFilter,
    page: PageQuery,
  ): Promise<{ items: DriftRecord[]; total: number }>;
}
