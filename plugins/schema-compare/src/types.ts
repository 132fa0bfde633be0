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
 * One object that differs between the source and the target.
 *
 * @public
 */
export interface SchemaDifference {
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
  /** True when the target would break code or data that works on the source. */
  breaking: boolean;
  hazards: Hazard[];
  /** The statements that turn the source's object into the target's. */
  sql?: string;
}

/**
 * Counts of a comparison's differences.
 *
 * @public
 */
export interface CompareSummary {
  total: number;
  breakingCount: number;
  byChange: Record<SchemaChange, number>;
  byObjectType: Partial<Record<SchemaObjectType, number>>;
}

/**
 * The comparison of one source with one target. Also the JSON output of
 * `opshub-inspector compare`, and, as `CompareResult` of
 * `@opshub/plugin-devops-inspector-common`, one entry of the inspector's
 * `POST /compare` (the backend's type check keeps the two identical).
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
