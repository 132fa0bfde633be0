/**
 * How a data check counted the rows: through a `postgres_fdw` foreign server
 * on the source database, or with one read-only connection per environment.
 *
 * @public
 */
export type DataCheckMethod = 'postgres_fdw' | 'direct';

/**
 * Exact row counts of one table present in both environments. A count is
 * `null` when the statement timeout stopped it (`timedOut: true`).
 *
 * @public
 */
export interface DataCheckTableCount {
  schema: string;
  table: string;
  sourceRows: number | null;
  targetRows: number | null;
  /** `targetRows - sourceRows`, or `null` when a count is missing. */
  difference: number | null;
  timedOut?: boolean;
}

/**
 * The answer of `POST /data-check`.
 *
 * @public
 */
export interface DataCheckResult {
  source: string;
  target: string;
  method: DataCheckMethod;
  /** Why `postgres_fdw` was enabled but not used. */
  fallbackReason?: string;
  tables: DataCheckTableCount[];
  /** ISO 8601. */
  generatedAt: string;
}
