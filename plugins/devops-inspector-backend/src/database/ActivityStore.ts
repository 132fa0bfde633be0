import { ActivityEntry } from '@opshub/plugin-devops-inspector-common';
import { PageQuery } from '@opshub/opshub-common';

/**
 * An activity to record.
 *
 * @internal
 */
export interface NewActivityEntry {
  /** Entity ref of the user, or `plugin:<id>` for a service caller. */
  actor: string;
  /** What was done, e.g. `tables.list`. */
  action: string;
  environment?: string;
  details?: Record<string, unknown>;
}

/**
 * Which entries to list.
 *
 * @internal
 */
export interface ActivityFilter {
  /**
   * Only entries of these environments, and entries of no environment.
   * Unset: every entry.
   */
  environments?: readonly string[];
}

/**
 * Storage of the inspector's activity log.
 *
 * @internal
 */
export interface ActivityStore {
  record(entry: NewActivityEntry): Promise<void>;
  /** Newest first. */
  list(
    page: PageQuery,
    filter?: ActivityFilter,
  ): Promise<{ items: ActivityEntry[]; totalCount: number }>;
  /**
   * The entries recorded from `from` (inclusive) to `to` (exclusive), newest
   * first, at most `limit`.
   */
  listBetween(
    range: { from: Date; to: Date },
    limit: number,
    filter?: ActivityFilter,
  ): Promise<ActivityEntry[]>;
  /** Deletes the entries recorded before `before`; resolves how many. */
  prune(before: Date): Promise<number>;
}
