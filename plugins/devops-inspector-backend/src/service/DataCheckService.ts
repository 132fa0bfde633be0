import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  DataCheckResult,
  DataCheckTableCount,
} from '@opshub/plugin-devops-inspector-common';
import { quoteIdent, redact, secretsOf } from '@opshub/opshub-common';
import { createHash } from 'crypto';
import { Client, DatabaseError, QueryResultRow } from 'pg';
import { InspectorEnvironmentConfig } from '../config';
import { EnvironmentDatabases } from '../database/EnvironmentDatabases';
import {
  InspectorDatabaseError,
  ReadOnlyQueryable,
} from '../database/ReadOnlyPostgres';

/**
 * SQLSTATEs of a count stopped by the timeout: `statement_timeout` (57014)
 * or `lock_timeout` (55P03).
 */
const TIMED_OUT = ['57014', '55P03'];
const CONNECT_TIMEOUT_MS = 5000;
const CLIENT_TIMEOUT_MARGIN_MS = 5000;

/** Ordinary and partitioned tables (partitions are counted by their parent). */
const LIST_TABLES = `
  SELECT n.nspname AS schema, c.relname AS "table"
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p')
     AND c.relpersistence <> 't'
     AND NOT c.relispartition
     AND n.nspname NOT IN ('pg_catalog', 'information_schema')
     AND n.nspname NOT LIKE 'pg\\_%'
     AND n.nspname NOT LIKE 'opshub\\_fdw\\_%'
   ORDER BY 1, 2`;

/** What the fdw admin role may do on the source database. */
const FDW_PRIVILEGES = `
  SELECT current_user AS role,
         current_database() AS database,
         (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser,
         EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'postgres_fdw') AS available,
         EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'postgres_fdw') AS installed,
         pg_catalog.has_database_privilege(current_database(), 'CREATE') AS can_create,
         CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_foreign_data_wrapper WHERE fdwname = 'postgres_fdw')
              THEN pg_catalog.has_foreign_data_wrapper_privilege('postgres_fdw', 'USAGE')
         END AS fdw_usage`;

type PrivilegeRow = {
  role: string;
  database: string;
  superuser: boolean;
  available: boolean;
  installed: boolean;
  can_create: boolean;
  fdw_usage: boolean | null;
};

type TableRef = { schema: string; table: string };

type Query = <R extends QueryResultRow = QueryResultRow>(
  text: string,
  values?: unknown[],
) => Promise<R[]>;

/** Why postgres_fdw cannot be used; the message is safe to return. */
class FdwUnavailableError extends Error {}

/** The target as the source database server will reach it. */
interface RemoteServer {
  host: string;
  port: string;
  dbname: string;
  user: string;
  password?: string;
  sslmode?: string;
}

function parseRemote(environment: string, connection: string): RemoteServer {
  let url: URL;
  try {
    url = new URL(connection);
  } catch {
    throw new FdwUnavailableError(
      `the connection of environment ${environment} is not a postgresql:// URL`,
    );
  }
  const host =
    url.hostname.replace(/^\[|\]$/g, '') || url.searchParams.get('host');
  const dbname = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const user = decodeURIComponent(url.username);
  if (!host || !dbname || !user) {
    throw new FdwUnavailableError(
      `the connection of environment ${environment} must name a host, a database and a user`,
    );
  }
  return {
    host,
    port: url.port || '5432',
    dbname,
    user,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    sslmode: url.searchParams.get('sslmode') ?? undefined,
  };
}

/** A foreign table name that fits in 63 bytes whatever the remote name. */
function foreignTableName(table: TableRef): string {
  return `t_${createHash('sha256')
    .update(`${table.schema}\u0000${table.table}`)
    .digest('hex')
    .slice(0, 40)}`;
}

function matches(table: TableRef, selector: string): boolean {
  return (
    selector === table.table || selector === `${table.schema}.${table.table}`
  );
}

function isTimeout(error: unknown): boolean {
  return (
    error instanceof InspectorDatabaseError &&
    error.code !== undefined &&
    TIMED_OUT.includes(error.code)
  );
}

/**
 * Counts one table in a savepoint, so that a timed-out count (`null`)
 * leaves the transaction usable for the next table.
 */
async function countInSavepoint(
  query: Query,
  sql: string,
): Promise<number | null> {
  await query('SAVEPOINT opshub_count');
  try {
    const [row] = await query<{ count: string }>(sql);
    await query('RELEASE SAVEPOINT opshub_count');
    return Number(row.count);
  } catch (error) {
    if (!isTimeout(error)) {
      throw error;
    }
    await query('ROLLBACK TO SAVEPOINT opshub_count');
    return null;
  }
}

function countOf(schema: string, table: string): string {
  return `SELECT count(*)::text AS count FROM ${quoteIdent(
    schema,
  )}.${quoteIdent(table)}`;
}

function entry(
  table: TableRef,
  sourceRows: number | null,
  targetRows: number | null,
): DataCheckTableCount {
  const timedOut = sourceRows === null || targetRows === null;
  return {
    schema: table.schema,
    table: table.table,
    sourceRows,
    targetRows,
    difference: timedOut ? null : targetRows - sourceRows,
    ...(timedOut ? { timedOut: true } : {}),
  };
}

/**
 * What the data check route needs.
 *
 * @internal
 */
export type DataCheckSource = Pick<DataCheckService, 'enabled' | 'rowCounts'>;

/**
 * Exact row counts of the tables two environments have in common, through
 * `postgres_fdw` on the source database when enabled and possible, else
 * through each environment's read-only pool.
 *
 * @internal
 */
export class DataCheckService {
  readonly enabled: boolean;
  private readonly fdwEnabled: boolean;
  private readonly databases: EnvironmentDatabases;
  private readonly logger?: LoggerService;

  constructor(options: {
    databases: EnvironmentDatabases;
    enabled: boolean;
    fdwEnabled: boolean;
    logger?: LoggerService;
  }) {
    this.databases = options.databases;
    this.enabled = options.enabled;
    this.fdwEnabled = options.fdwEnabled;
    this.logger = options.logger;
  }

  /**
   * Counts the rows of the common tables (or of those named in `tables`,
   * as `table` or `schema.table`) in both environments.
   */
  async rowCounts(
    source: string,
    target: string,
    tables?: string[],
  ): Promise<DataCheckResult> {
    const sourceEnv = this.databases.require(source);
    const targetEnv = this.databases.require(target);
    if (source === target) {
      throw new InputError('the source and the target must differ');
    }
    const generatedAt = new Date().toISOString();
    const [sourceTables, targetTables] = await Promise.all([
      this.databases.read(source, db => db.query<TableRef>(LIST_TABLES)),
      this.databases.read(target, db => db.query<TableRef>(LIST_TABLES)),
    ]);
    const inTarget = new Set(
      targetTables.map(t => JSON.stringify([t.schema, t.table])),
    );
    const common = sourceTables.filter(
      t =>
        inTarget.has(JSON.stringify([t.schema, t.table])) &&
        (!tables || tables.some(selector => matches(t, selector))),
    );

    let fallbackReason: string | undefined;
    if (this.fdwEnabled) {
      try {
        const counted = await this.countThroughFdw(
          sourceEnv,
          targetEnv,
          common,
        );
        this.logger?.info(
          `Data check ${source} -> ${target}: ${counted.length} tables counted through postgres_fdw`,
        );
        return {
          source,
          target,
          method: 'postgres_fdw',
          tables: counted,
          generatedAt,
        };
      } catch (error) {
        if (!(error instanceof FdwUnavailableError)) {
          throw error;
        }
        fallbackReason = error.message;
        this.logger?.warn(
          `Data check ${source} -> ${target}: using direct connections because ${fallbackReason}`,
        );
      }
    }
    const [sourceRows, targetRows] = await Promise.all([
      this.databases.read(source, db => this.countDirect(db, common)),
      this.databases.read(target, db => this.countDirect(db, common)),
    ]);
    return {
      source,
      target,
      method: 'direct',
      ...(fallbackReason ? { fallbackReason } : {}),
      tables: common.map((t, i) => entry(t, sourceRows[i], targetRows[i])),
      generatedAt,
    };
  }

  private async countDirect(
    db: ReadOnlyQueryable,
    tables: TableRef[],
  ): Promise<Array<number | null>> {
    const counts: Array<number | null> = [];
    for (const t of tables) {
      counts.push(
        await countInSavepoint(
          (text, values) => db.query(text, values),
          countOf(t.schema, t.table),
        ),
      );
    }
    return counts;
  }

  /**
   * Sets up (again) the foreign server `opshub_inspector_<target>` and its
   * schema `opshub_fdw_<target>` with the fdw admin connection, then counts
   * both sides in one read-only transaction. Throws
   * {@link FdwUnavailableError} with a clear reason when something is
   * missing; a session advisory lock serializes checks of the same target.
   */
  private async countThroughFdw(
    sourceEnv: InspectorEnvironmentConfig,
    targetEnv: InspectorEnvironmentConfig,
    tables: TableRef[],
  ): Promise<DataCheckTableCount[]> {
    const admin = sourceEnv.fdwAdminConnection;
    if (!admin) {
      throw new FdwUnavailableError(
        `no fdwAdminConnection is configured for the source environment ${sourceEnv.name}`,
      );
    }
    const remote = parseRemote(targetEnv.name, targetEnv.connection);
    const secrets = [...secretsOf(admin), ...secretsOf(targetEnv.connection)];
    if (remote.password) {
      secrets.push(remote.password);
    }
    const timeout = Math.max(
      sourceEnv.statementTimeoutMs,
      targetEnv.statementTimeoutMs,
    );
    const sanitize = (error: unknown) =>
      new InspectorDatabaseError({
        environment: sourceEnv.name,
        message: redact(
          error instanceof Error ? error.message : String(error),
          secrets,
        ),
        code: error instanceof DatabaseError ? error.code : undefined,
        connectFailed: false,
      });

    const client = new Client({
      connectionString: admin,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: timeout + CLIENT_TIMEOUT_MARGIN_MS,
      application_name: 'opshub-devops-inspector-fdw',
    });
    // a connection dropped by the server must not crash the process
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (error) {
      throw new FdwUnavailableError(
        `the fdw admin connection of ${sourceEnv.name} failed: ${
          sanitize(error).message
        }`,
      );
    }
    const query: Query = async <R extends QueryResultRow>(
      text: string,
      values?: unknown[],
    ) => {
      try {
        return (await client.query<R>(text, values)).rows;
      } catch (error) {
        throw sanitize(error);
      }
    };
    const names = {
      server: `opshub_inspector_${targetEnv.name}`,
      schema: `opshub_fdw_${targetEnv.name}`,
    };
    try {
      await query(
        "SELECT set_config('statement_timeout', $1, false), pg_advisory_lock(hashtext($2))",
        [String(timeout), names.server],
      );
      const [privileges] = await query<PrivilegeRow>(FDW_PRIVILEGES);
      const missing = this.missingPrivilege(privileges, sourceEnv.name, remote);
      if (missing) {
        throw new FdwUnavailableError(missing);
      }
      try {
        await this.setUpForeignTables(query, {
          ...names,
          remote,
          tables,
          createExtension: !privileges.installed,
        });
      } catch (error) {
        throw new FdwUnavailableError(
          `setting up postgres_fdw on ${sourceEnv.name} failed: ${
            sanitize(error).message
          }`,
        );
      }
      try {
        return await this.countForeign(query, names.schema, tables, {
          source: sourceEnv.statementTimeoutMs,
          target: targetEnv.statementTimeoutMs,
        });
      } catch (error) {
        throw new FdwUnavailableError(
          `counting through postgres_fdw failed: ${sanitize(error).message}`,
        );
      }
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private missingPrivilege(
    row: PrivilegeRow,
    source: string,
    remote: RemoteServer,
  ): string | undefined {
    const where = `database ${row.database} of ${source}`;
    if (!row.available) {
      return `postgres_fdw is not available on the server of the source ${where}; install the PostgreSQL contrib package`;
    }
    if (!row.installed && !row.superuser) {
      return `postgres_fdw is not installed on the source ${where} and the fdw admin role ${row.role} cannot create it; run CREATE EXTENSION postgres_fdw as a superuser`;
    }
    if (!row.can_create) {
      return `the fdw admin role ${row.role} lacks CREATE on ${where}`;
    }
    if (row.fdw_usage === false) {
      return `the fdw admin role ${row.role} lacks USAGE on foreign data wrapper postgres_fdw in ${where}`;
    }
    if (!row.superuser && !remote.password) {
      return `postgres_fdw needs a password in the target's connection when the fdw admin role ${row.role} is not a superuser`;
    }
    return undefined;
  }

  /**
   * DDL cannot take bind parameters: each statement is built by the server
   * with `format()` (`%I` identifiers, `%L` literals) from bind values, then
   * executed. The statements carry the target's password: never log them.
   */
  private async setUpForeignTables(
    query: Query,
    options: {
      server: string;
      schema: string;
      remote: RemoteServer;
      tables: TableRef[];
      createExtension: boolean;
    },
  ): Promise<void> {
    const { server, schema, remote } = options;
    const execute = async (template: string, ...values: string[]) => {
      const [row] = await query<{ sql: string }>(
        `SELECT format($1::text${values
          .map((_v, i) => `, $${i + 2}::text`)
          .join('')}) AS sql`,
        [template, ...values],
      );
      await query(row.sql);
    };
    await query('BEGIN');
    try {
      if (options.createExtension) {
        await query('CREATE EXTENSION IF NOT EXISTS postgres_fdw');
      }
      await execute('DROP SCHEMA IF EXISTS %I CASCADE', schema);
      await execute('DROP SERVER IF EXISTS %I CASCADE', server);
      const ssl = remote.sslmode ? [remote.sslmode] : [];
      await execute(
        `CREATE SERVER %I FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host %L, port %L, dbname %L, updatable 'false'${
          remote.sslmode ? ', sslmode %L' : ''
        })`,
        server,
        remote.host,
        remote.port,
        remote.dbname,
        ...ssl,
      );
      const password = remote.password === undefined ? [] : [remote.password];
      await execute(
        `CREATE USER MAPPING FOR CURRENT_USER SERVER %I OPTIONS (user %L${
          remote.password === undefined ? '' : ', password %L'
        })`,
        server,
        remote.user,
        ...password,
      );
      await execute('CREATE SCHEMA %I', schema);
      // no columns: nothing depends on the remote types, and count(*) is
      // pushed down to the target
      for (const t of options.tables) {
        await execute(
          'CREATE FOREIGN TABLE %I.%I () SERVER %I OPTIONS (schema_name %L, table_name %L)',
          schema,
          foreignTableName(t),
          server,
          t.schema,
          t.table,
        );
      }
      await query('COMMIT');
    } catch (error) {
      await query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Both sides in one read-only transaction, each count in a savepoint. */
  private async countForeign(
    query: Query,
    schema: string,
    tables: TableRef[],
    timeouts: { source: number; target: number },
  ): Promise<DataCheckTableCount[]> {
    const timeoutFor = (ms: number) =>
      query(
        "SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $1, true)",
        [String(ms)],
      );
    await query('BEGIN READ ONLY');
    try {
      const result: DataCheckTableCount[] = [];
      for (const t of tables) {
        await timeoutFor(timeouts.source);
        const sourceRows = await countInSavepoint(
          query,
          countOf(t.schema, t.table),
        );
        await timeoutFor(timeouts.target);
        const targetRows = await countInSavepoint(
          query,
          countOf(schema, foreignTableName(t)),
        );
        result.push(entry(t, sourceRows, targetRows));
      }
      return result;
    } finally {
      await query('ROLLBACK').catch(() => undefined);
    }
  }
}
