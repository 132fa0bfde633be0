import { formatTime } from '@opshub/opshub-react';
import {
  parseSnapshotRef,
  SchemaSnapshotSummary,
} from '@opshub/plugin-devops-inspector-common';

/**
 * How a snapshot is named in the selectors and the matrix:
 * `prod @ 12/1/2026, 10:00:00 AM (release 2026.12)`.
 *
 * @internal
 */
export function snapshotLabel(snapshot: SchemaSnapshotSummary): string {
  const when = `${snapshot.environment} @ ${formatTime(snapshot.takenAt)}`;
  return snapshot.label ? `${when} (${snapshot.label})` : when;
}

/**
 * The name of a compare reference: the environment name, or the snapshot's
 * label when the reference is `snapshot:<id>` of a known snapshot.
 *
 * @internal
 */
export function describeRef(
  ref: string,
  snapshots: ReadonlyMap<string, SchemaSnapshotSummary>,
): string {
  const id = parseSnapshotRef(ref);
  if (id === undefined) {
    return ref;
  }
  const snapshot = snapshots.get(id);
  return snapshot ? snapshotLabel(snapshot) : `snapshot ${id.slice(0, 8)}`;
}

/**
 * The environment a compare reference reads: itself, or the environment of
 * the snapshot it names (`undefined` when that snapshot is not known).
 *
 * @internal
 */
export function environmentOfRef(
  ref: string,
  snapshots: ReadonlyMap<string, SchemaSnapshotSummary>,
): string | undefined {
  const id = parseSnapshotRef(ref);
  return id === undefined ? ref : snapshots.get(id)?.environment;
}

/**
 * A file name part made of the reference's safe characters.
 *
 * @internal
 */
export function fileSafe(ref: string): string {
  return ref.replace(/[^A-Za-z0-9_.-]+/g, '_');
}
