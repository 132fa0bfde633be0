/**
 * The kinds of database object a schema comparison covers.
 *
 * @public
 */
export type SchemaObjectType =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'sequence'
  | 'function'
  | 'table'
  | 'column'
  | 'constraint'
  | 'foreign_key'
  | 'index'
  | 'view'
  | 'materialized_view'
  | 'trigger'
  | 'policy';

/**
 * Every {@link SchemaObjectType}, in the order differences are reported.
 *
 * @public
 */
export const SCHEMA_OBJECT_TYPES: readonly SchemaObjectType[] = [
  'schema',
  'extension',
  'enum',
  'sequence',
  'function',
  'table',
  'column',
  'constraint',
  'foreign_key',
  'index',
  'view',
  'materialized_view',
  'trigger',
  'policy',
];

/**
 * How the target differs from the source for one object: `added` exists only
 * in the target, `removed` only in the source.
 *
 * @public
 */
export type SchemaChange = 'added' | 'removed' | 'modified';

/**
 * Why a difference is risky, e.g. `{ code: 'type_narrowed', reason: ... }`.
 *
 * @public
 */
export interface Hazard {
  code: string;
  reason: string;
}

/**
 * How serious a difference is (the package README has the table):
 * `breaking` when code that works against the source fails against the
 * target, `hazard` when applying the change is risky (locks, rewrites, a
 * dropped index, lost data) but code keeps working, `info` otherwise.
 *
 * @public
 */
export type DifferenceSeverity = 'breaking' | 'hazard' | 'info';

/**
 * Every {@link DifferenceSeverity}, most serious first.
 *
 * @public
 */
export const DIFFERENCE_SEVERITIES: readonly DifferenceSeverity[] = [
  'breaking',
  'hazard',
  'info',
];

/**
 * One object that differs between the source and the target.
 *
 * @public
 */
export interface SchemaDifference {
  /**
   * The object's identity, the same in every target's result:
   * `objectType:schema.name`, or `objectType:schema.table.name` for the
   * objects of a table.
   */
  key: string;
  objectType: SchemaObjectType;
  schema: string;
  /** The table (or view) the object belongs to, for columns, constraints, indexes, triggers and policies. */
  table?: string;
  /** The object's name; the column name for columns, `name(args)` for functions. */
  name: string;
  change: SchemaChange;
  /** The definition in the source, unless `added`. */
  source?: Record<string, unknown>;
  /** The definition in the target, unless `removed`. */
  target?: Record<string, unknown>;
  /** The most serious class of the difference's hazards. */
  severity: DifferenceSeverity;
  /** `severity === 'breaking'`: code that works on the source fails on the target. */
  breaking: boolean;
  hazards: Hazard[];
  /** The statements that turn the source's object into the target's. */
  sql?: string;
  /**
   * The dependent objects of a table that exists on one side only (its
   * indexes, constraints, foreign keys, triggers, policies and owned
   * sequences), folded under it: not counted in the summary.
   */
  children?: SchemaDifference[];
}

/**
 * Counts of a comparison's differences.
 *
 * @public
 */
export interface CompareSummary {
  /** Top-level differences; folded children are not counted. */
  total: number;
  breakingCount: number;
  byChange: Record<SchemaChange, number>;
  byObjectType: Partial<Record<SchemaObjectType, number>>;
  bySeverity: Record<DifferenceSeverity, number>;
  /** How many top-level differences carry each hazard code. */
  byHazard: Record<string, number>;
}

/**
 * The comparison of one source with one target. Also the JSON output of
 * `opshub-inspector compare`.
 *
 * @public
 */
export interface CompareResult {
  /** The source environment name (or the sanitized URL in the CLI). */
  source: string;
  target: string;
  /** ISO 8601. */
  generatedAt: string;
  summary: CompareSummary;
  differences: SchemaDifference[];
  /** Statements that turn the source's schema into the target's. */
  migrationSql: string;
}

/**
 * A target that could not be compared, with a sanitized reason.
 *
 * @public
 */
export interface CompareError {
  target: string;
  error: string;
}

/**
 * One source compared with several targets. A target that is down has a
 * {@link CompareError} entry; the others are still compared.
 *
 * @public
 */
export interface MultiCompareResult {
  source: string;
  generatedAt: string;
  results: Array<CompareResult | CompareError>;
}

/**
 * Body of `POST /compare`.
 *
 * @public
 */
export interface CompareRequest {
  source: string;
  targets: string[];
}

/**
 * True for the entry of a target that could not be compared.
 *
 * @public
 */
export function isCompareError(
  entry: CompareResult | CompareError,
): entry is CompareError {
  return 'error' in entry;
}
