import { EnvironmentTier } from './types';

/**
 * How the whole deployment is doing: `healthy` when every target is up and
 * fast, `degraded` when at least one is up but some are down or slower than
 * the threshold, `unhealthy` when every target is down (or none is
 * configured to be up).
 *
 * @public
 */
export type OverallHealth = 'healthy' | 'degraded' | 'unhealthy';

/**
 * Connections of the inspector's `pg.Pool` for one environment, read from the
 * pool itself.
 *
 * @public
 */
export interface PoolUsage {
  /** Open connections (idle and in use). */
  totalCount: number;
  /** Open connections not in use. */
  idleCount: number;
  /** Requests queued for a connection. */
  waitingCount: number;
  /** The configured `poolSize`. */
  max: number;
}

/**
 * Health of one environment's database, measured by `GET /status`.
 *
 * @public
 */
export interface DatabaseHealth {
  name: string;
  label: string;
  tier: EnvironmentTier;
  status: 'up' | 'down';
  /** True when up but the probe took longer than the slow threshold. */
  slow: boolean;
  /** Measured time to get a connection and run `SELECT 1`; `null` when down. */
  latencyMs: number | null;
  /** `null` before the first connection attempt. */
  pool: PoolUsage | null;
  /** Why it is down, with every credential removed. */
  error?: string;
}

/**
 * Health of one configured HTTP dependency, measured by `GET /status`.
 *
 * @public
 */
export interface DependencyHealth {
  name: string;
  /** The configured URL without user info, query nor fragment. */
  url: string;
  /** `up` when it answered with a status below 500. */
  status: 'up' | 'down';
  slow: boolean;
  /** HTTP status of the answer; `null` when none came. */
  statusCode: number | null;
  latencyMs: number | null;
  error?: string;
}

/**
 * `GET /status`: the health summary.
 *
 * @public
 */
export interface StatusSummary {
  status: OverallHealth;
  /** ISO 8601 time of the measurement. */
  checkedAt: string;
  /** Probes slower than this many milliseconds are `slow`. */
  slowThresholdMs: number;
  databases: DatabaseHealth[];
  dependencies: DependencyHealth[];
}

/**
 * The commit the running backend was built from. Every field is `null` when
 * it could not be found out.
 *
 * @public
 */
export interface GitInfo {
  branch: string | null;
  commit: string | null;
  /** ISO 8601 commit date. */
  commitDate: string | null;
  /** First line of the commit message. */
  message: string | null;
  /** Where it came from: build-time variables or the `git` command. */
  source: 'env' | 'git' | null;
}

/**
 * The server version of one environment's database, measured.
 *
 * @public
 */
export interface DatabaseVersion {
  name: string;
  label: string;
  tier: EnvironmentTier;
  /** `server_version`; `null` when the database is down. */
  serverVersion: string | null;
  error?: string;
}

/**
 * `GET /environment`: what is deployed where.
 *
 * @public
 */
export interface EnvironmentInfo {
  /** `devopsInspector.current`, or `null` when not configured. */
  current: { name: string; tier: EnvironmentTier } | null;
  git: GitInfo;
  /** `version` of the repository's root package.json. */
  appVersion: string | null;
  /** `version` of backstage.json. */
  backstageVersion: string | null;
  nodeVersion: string;
  /** When this backend process started, ISO 8601. */
  startedAt: string;
  /** When it was deployed (`OPSHUB_DEPLOYED_AT`), ISO 8601, or `null`. */
  deployedAt: string | null;
  uptimeSeconds: number;
  databases: DatabaseVersion[];
}

/**
 * Sort keys of `GET /environments/:name/tables`.
 *
 * @public
 */
export const TABLE_SORT_KEYS = ['name', 'rows', 'size'] as const;

/** @public */
export type TableSortKey = (typeof TABLE_SORT_KEYS)[number];

/** @public */
export type SortOrder = 'asc' | 'desc';

/** @public */
export interface ColumnDetail {
  name: string;
  /** `format_type(atttypid, atttypmod)`, e.g. `character varying(20)`. */
  type: string;
  nullable: boolean;
  /** The default expression, or `null`. */
  default: string | null;
  /** `always` / `by default` for identity columns, else `null`. */
  identity: 'always' | 'by default' | null;
  /** The generation expression of a generated column, else `null`. */
  generated: string | null;
}

/** @public */
export interface IndexDetail {
  name: string;
  /** `pg_get_indexdef`. */
  definition: string;
  unique: boolean;
  primary: boolean;
  valid: boolean;
  sizeBytes: number;
}

/** @public */
export interface ConstraintDetail {
  name: string;
  type: 'primary key' | 'unique' | 'check' | 'exclusion';
  /** `pg_get_constraintdef`. */
  definition: string;
}

/** @public */
export interface ForeignKeyDetail {
  name: string;
  /** The referencing table. */
  fromSchema: string;
  fromTable: string;
  fromColumns: string[];
  /** The referenced table. */
  toSchema: string;
  toTable: string;
  toColumns: string[];
  /** `pg_get_constraintdef`. */
  definition: string;
}

/** @public */
export interface TriggerDetail {
  name: string;
  enabled: boolean;
  /** `pg_get_triggerdef`. */
  definition: string;
}

/**
 * `GET /environments/:name/tables/:schema/:table`.
 *
 * @public
 */
export interface TableDetail {
  schema: string;
  name: string;
  kind: 'table' | 'partitioned table';
  comment: string | null;
  columns: ColumnDetail[];
  indexes: IndexDetail[];
  constraints: ConstraintDetail[];
  foreignKeys: {
    /** Foreign keys of this table. */
    outgoing: ForeignKeyDetail[];
    /** Foreign keys of other tables that reference this one. */
    incoming: ForeignKeyDetail[];
  };
  triggers: TriggerDetail[];
}

/**
 * `GET /environments/:name/tables/:schema/:table/count`: an exact
 * `count(*)`, cancelled by the environment's statement timeout. A cancelled
 * count answers 200 with `timedOut: true` and `count: null`.
 *
 * @public
 */
export interface TableCount {
  schema: string;
  name: string;
  count: number | null;
  timedOut: boolean;
  /** Measured duration of the count. */
  elapsedMs: number;
  /** The statement timeout that applied. */
  timeoutMs: number;
}

/**
 * One leaf of the effective configuration.
 *
 * @public
 */
export interface ConfigEntry {
  /** Dotted path, e.g. `devopsInspector.environments.dev.connection`. */
  key: string;
  /** The value, or the mask `••••••` when `masked`. */
  value: string | number | boolean | null;
  masked: boolean;
  /** Why it is masked. */
  maskedBy?: 'schema' | 'key' | 'value' | 'no-schema';
  /** False when the value is empty. */
  set: boolean;
}

/**
 * `GET /config`: the effective configuration, masked.
 *
 * @public
 */
export interface ConfigStatus {
  /** False when the config schema could not be loaded: every string is masked. */
  schemaLoaded: boolean;
  entries: ConfigEntry[];
}

/**
 * What masked configuration values are shown as.
 *
 * @public
 */
export const CONFIG_MASK = '••••••';
