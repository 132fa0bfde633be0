import { INSPECTOR_ENVIRONMENT_TIERS } from './constants';
import type { Page } from '@opshub/opshub-common';

/**
 * How sensitive an environment is.
 *
 * @public
 */
export type EnvironmentTier = (typeof INSPECTOR_ENVIRONMENT_TIERS)[number];

/**
 * Size and content of a whole database, read from the catalog.
 *
 * @public
 */
export interface DatabaseTotals {
  /**
   * Ordinary and partitioned tables outside the system schemas (the count
   * of `GET /environments/:name/tables`).
   */
  tableCount: number;
  /** `pg_database_size(current_database())`, in bytes. */
  sizeBytes: number;
  /**
   * Sum of the planner's row estimates (`pg_class.reltuples`) of the
   * tables that have one (partitions counted, their parents not). `null`
   * when no table has an estimate.
   */
  estimatedRows: number | null;
  /** Tables left out of `estimatedRows`: never vacuumed nor analyzed. */
  tablesWithoutEstimate: number;
}

/**
 * The live status of an environment's database, measured when it is asked for.
 *
 * @public
 */
export interface DatabaseStatus {
  status: 'up' | 'down';
  /** `server_version` of the database, when it is up. */
  serverVersion?: string;
  /** Measured round trip of the probe query in milliseconds, when it is up. */
  latencyMs?: number;
  /**
   * Size, tables and estimated rows, when it is up; `null` when it is up but
   * reading them failed (for example the statement timeout).
   */
  totals?: DatabaseTotals | null;
  /** Why the database is down, with every credential removed. */
  error?: string;
}

/**
 * One configured environment and the live status of its database.
 *
 * @public
 */
export interface EnvironmentSummary {
  /** The key in `devopsInspector.environments`, e.g. `dev`. */
  name: string;
  label: string;
  tier: EnvironmentTier;
  database: DatabaseStatus;
}

/**
 * One table of an inspected database, read from the PostgreSQL catalog.
 *
 * @public
 */
export interface TableSummary {
  schema: string;
  name: string;
  /**
   * The planner's row estimate (`pg_class.reltuples`), exact right after
   * ANALYZE. `null` when the table was never vacuumed or analyzed.
   */
  estimatedRows: number | null;
  /** Table, indexes and TOAST, in bytes (`pg_total_relation_size`). */
  totalBytes: number;
  /** All indexes of the table, in bytes (`pg_indexes_size`). */
  indexBytes: number;
  columnCount: number;
  indexCount: number;
  /** Latest manual or automatic VACUUM, ISO 8601, or `null` if never. */
  lastVacuum: string | null;
  /** Latest manual or automatic ANALYZE, ISO 8601, or `null` if never. */
  lastAnalyze: string | null;
}

/**
 * One entry of the inspector's activity log: who looked at what.
 *
 * @public
 */
export interface ActivityEntry {
  id: number;
  /** Entity ref of the user, e.g. `user:default/jane`. */
  actor: string;
  /** What was done, e.g. `tables.list`. */
  action: string;
  environment: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

/**
 * `GET /environments`.
 *
 * @public
 */
export interface EnvironmentList {
  items: EnvironmentSummary[];
}

/**
 * `GET /environments/:name/tables`.
 *
 * @public
 */
export type TablePage = Page<TableSummary>;

/**
 * `GET /activity`.
 *
 * @public
 */
export type ActivityPage = Page<ActivityEntry>;
