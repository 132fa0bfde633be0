/**
 * One side of a comparison: an environment read live, or a stored snapshot
 * (`snapshot:<id>`) of an environment.
 *
 * @internal
 */
export interface CompareRef {
  /** As given: an environment name or `snapshot:<id>`. */
  ref: string;
  /** The environment whose permissions apply. */
  environment: string;
  /** Set for a stored snapshot. */
  snapshotId?: string;
  /** How the side is named in the result (see `snapshotLabel`). */
  label: string;
}
