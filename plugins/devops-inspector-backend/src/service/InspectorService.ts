import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ActivityEntry,
  ActivityPage,
  DatabaseTotals,
  EnvironmentSummary,
  SortOrder,
  TablePage,
  TableSortKey,
  TableSummary,
} from '@opshub/plugin-devops-inspector-common';
import { PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import { performance } from 'perf_hooks';
import { ActivityStore } from '../database/ActivityStore';
import {
  EnvironmentDatabases,
  failureMessage,
} from '../database/EnvironmentDatabases';

/** @internal */
export interface TableQuery extends PageQuery {
  /** Case-insensitive substring of `schema.table`; matched literally. */
  filter?: string;
  /** Defaults to `name`. */
  sort?: TableSortKey;
  /** Defaults to `asc`. */
  order?: SortOrder;
}

/** Whitelisted ORDER BY expressions; the name breaks ties. */
const SORT_EXPRESSIONS: Record<TableSortKey, string> = {
  name: 'n.nspname %s, c.relname %s',
  rows: 'c.reltuples %s, n.nspname, c.relname',
  size: 'pg_catalog.pg_total_relation_size(c.oid) %s, n.nspname, c.relname',
};

function orderBy(sort: TableSortKey = 'name', order: SortOrder = 'asc') {
  const direction = order === 'desc' ? 'DESC' : 'ASC';
  return SORT_EXPRESSIONS[sort].replace(/%s/g, direction);
}

type TableRow = {
  schema: string;
  name: string;
  reltuples: number;
  total_bytes: string;
  index_bytes: string;
  column_count: number;
  index_count: number;
  last_vacuum: Date | null;
  last_analyze: Date | null;
};

/** The condition on `pg_class c` / `pg_namespace n` of a user table. */
const USER_TABLES = `c.relkind IN ('r', 'p')
    AND c.relpersistence <> 't'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%'`;

/**
 * Ordinary and partitioned tables outside the system schemas and other
 * sessions' temporary schemas. `$1` is an ILIKE pattern or NULL; every value
 * is a bind parameter.
 */
const FROM_TABLES = `
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_stat_user_tables s ON s.relid = c.oid
  WHERE ${USER_TABLES}
    AND ($1::text IS NULL OR (n.nspname || '.' || c.relname) ILIKE $1::text)`;

/**
 * The totals of the whole database: the tables of {@link FROM_TABLES}, the
 * database size, and the sum of the row estimates of ordinary tables
 * (partitions included, partitioned parents not, so no row counts twice);
 * `reltuples` is -1 until the first VACUUM or ANALYZE (PostgreSQL 14+).
 */
const DATABASE_TOTALS = `
  SELECT count(*)::int AS table_count,
         pg_catalog.pg_database_size(pg_catalog.current_database()) AS size_bytes,
         sum(c.reltuples::float8) FILTER (WHERE c.relkind = 'r' AND c.reltuples >= 0)::float8 AS estimated_rows,
         (count(*) FILTER (WHERE c.relkind = 'r' AND c.reltuples < 0))::int AS without_estimate
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE ${USER_TABLES}`;

type TotalsRow = {
  table_count: number;
  size_bytes: string;
  estimated_rows: number | null;
  without_estimate: number;
};

function toTotals(row: TotalsRow): DatabaseTotals {
  return {
    tableCount: row.table_count,
    sizeBytes: Number(row.size_bytes),
    estimatedRows:
      row.estimated_rows === null ? null : Math.round(row.estimated_rows),
    tablesWithoutEstimate: row.without_estimate,
  };
}

const COUNT_TABLES = `SELECT count(*)::int AS count ${FROM_TABLES}`;

const LIST_TABLES = `
  SELECT n.nspname AS schema,
         c.relname AS name,
         c.reltuples::float8 AS reltuples,
         pg_catalog.pg_total_relation_size(c.oid) AS total_bytes,
         pg_catalog.pg_indexes_size(c.oid) AS index_bytes,
         (SELECT count(*)::int FROM pg_catalog.pg_attribute a
           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS column_count,
         (SELECT count(*)::int FROM pg_catalog.pg_index i
           WHERE i.indrelid = c.oid) AS index_count,
         GREATEST(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
         GREATEST(s.last_analyze, s.last_autoanalyze) AS last_analyze
  ${FROM_TABLES}
  ORDER BY %ORDER%
  LIMIT $2 OFFSET $3`;

/** `%text%` with the LIKE wildcards of `text` escaped, for a literal match. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}

function toTable(row: TableRow): TableSummary {
  return {
    schema: row.schema,
    name: row.name,
    // -1 since PostgreSQL 14 (0 before) until the first VACUUM or ANALYZE
    estimatedRows: row.reltuples < 0 ? null : Math.round(row.reltuples),
    totalBytes: Number(row.total_bytes),
    indexBytes: Number(row.index_bytes),
    columnCount: row.column_count,
    indexCount: row.index_count,
    lastVacuum: row.last_vacuum ? row.last_vacuum.toISOString() : null,
    lastAnalyze: row.last_analyze ? row.last_analyze.toISOString() : null,
  };
}

/**
 * Removes from an entry's details the comparison targets (`targets`,
 * `results[].target`) outside `readable`.
 */
function withReadableTargets(
  entry: ActivityEntry,
  readable: readonly string[],
): ActivityEntry {
  const details = entry.details;
  if (!details) {
    return entry;
  }
  const allowed = (target: unknown) =>
    typeof target === 'string' && readable.includes(target);
  const next: Record<string, unknown> = { ...details };
  if (Array.isArray(details.targets)) {
    next.targets = details.targets.filter(allowed);
  }
  if (Array.isArray(details.results)) {
    next.results = details.results.filter(
      (result: unknown) =>
        !!result &&
        typeof result === 'object' &&
        allowed((result as { target?: unknown }).target),
    );
  }
  return { ...entry, details: next };
}

/**
 * Business logic of the devops-inspector plugin. Every number it returns is
 * measured on the inspected database.
 *
 * @internal
 */
export class InspectorService {
  private readonly databases: EnvironmentDatabases;
  private readonly store: ActivityStore;
  private readonly logger?: LoggerService;

  constructor(options: {
    databases: EnvironmentDatabases;
    store: ActivityStore;
    logger?: LoggerService;
  }) {
    this.databases = options.databases;
    this.store = options.store;
    this.logger = options.logger;
  }

  /** The configured environment names, in configuration order. */
  environmentNames(): string[] {
    return this.databases.names();
  }

  /**
   * Probes the database of each named environment (default: all) in
   * parallel. A database that fails is reported `down` on its own entry.
   */
  async listEnvironments(names?: string[]): Promise<EnvironmentSummary[]> {
    const selected = this.databases
      .names()
      .filter(name => !names || names.includes(name))
      .map(name => this.databases.require(name));
    const probes = await Promise.allSettled(
      selected.map(env =>
        this.databases.read(env.name, async db => {
          const started = performance.now();
          const [row] = await db.query<{ version: string }>(
            "SELECT current_setting('server_version') AS version",
          );
          const latencyMs = performance.now() - started;
          // after the timed probe; the database stays `up` without them
          let totals: DatabaseTotals | null = null;
          try {
            const [totalsRow] = await db.query<TotalsRow>(DATABASE_TOTALS);
            totals = toTotals(totalsRow);
          } catch (error) {
            this.logger?.debug(
              `Could not read the totals of environment ${
                env.name
              }: ${failureMessage(error, 'unexpected error')}`,
            );
          }
          return {
            serverVersion: row.version,
            latencyMs: Math.round(latencyMs * 100) / 100,
            totals,
          };
        }),
      ),
    );
    return selected.map((env, index): EnvironmentSummary => {
      const probe = probes[index];
      const summary = { name: env.name, label: env.label, tier: env.tier };
      if (probe.status === 'fulfilled') {
        return { ...summary, database: { status: 'up', ...probe.value } };
      }
      const error = failureMessage(
        probe.reason,
        'Unexpected error while probing the database',
      );
      this.logger?.debug(`Environment ${env.name} is down: ${error}`);
      return { ...summary, database: { status: 'down', error } };
    });
  }

  /**
   * One page of the environment's tables, read from the catalog, and an
   * activity entry for the actor.
   */
  async listTables(
    name: string,
    query: TableQuery,
    actor: string,
  ): Promise<TablePage> {
    const pattern = query.filter ? containsPattern(query.filter) : null;
    const result = await this.databases.read(name, async db => {
      const [{ count }] = await db.query<{ count: number }>(COUNT_TABLES, [
        pattern,
      ]);
      const rows = await db.query<TableRow>(
        LIST_TABLES.replace('%ORDER%', orderBy(query.sort, query.order)),
        [pattern, query.limit, query.offset],
      );
      return { items: rows.map(toTable), totalCount: count };
    });
    await this.store.record({
      actor,
      action: 'tables.list',
      environment: name,
      details: {
        filter: query.filter ?? null,
        ...(query.sort ? { sort: query.sort } : {}),
        ...(query.order ? { order: query.order } : {}),
        limit: query.limit,
        offset: query.offset,
        totalCount: result.totalCount,
      },
    });
    return toPage(result.items, result.totalCount, query);
  }

  /**
   * The activity log, newest first: with `environments`, only the entries
   * of those environments (and of none), and a schema comparison names only
   * the targets among them.
   */
  async listActivity(
    page: PageQuery,
    environments?: readonly string[],
  ): Promise<ActivityPage> {
    const { items, totalCount } = await this.store.list(
      page,
      environments ? { environments } : undefined,
    );
    const visible = environments
      ? items.map(entry => withReadableTargets(entry, environments))
      : items;
    return toPage(visible, totalCount, page);
  }
}
