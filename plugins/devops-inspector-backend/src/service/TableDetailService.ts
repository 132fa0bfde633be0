import { NotFoundError } from '@backstage/errors';
import {
  ColumnDetail,
  ConstraintDetail,
  ForeignKeyDetail,
  IndexDetail,
  TableCount,
  TableDetail,
  TriggerDetail,
} from '@opshub/plugin-devops-inspector-common';
import { quoteIdent } from '@opshub/opshub-common';
import { performance } from 'perf_hooks';
import { ActivityStore } from '../database/ActivityStore';
import { EnvironmentDatabases } from '../database/EnvironmentDatabases';
import {
  InspectorDatabaseError,
  ReadOnlyQueryable,
} from '../database/ReadOnlyPostgres';

/**
 * What the table detail routes need.
 *
 * @internal
 */
export interface TableDetailSource {
  getTableDetail(
    environment: string,
    schema: string,
    table: string,
    actor: string,
  ): Promise<TableDetail>;
  countRows(
    environment: string,
    schema: string,
    table: string,
    actor: string,
  ): Promise<TableCount>;
}

/**
 * SQLSTATEs of a count stopped by the environment's timeout:
 * `statement_timeout` (57014) or `lock_timeout` (55P03), which share the value.
 */
const TIMED_OUT = ['57014', '55P03'];

type RelationRow = {
  oid: string;
  schema: string;
  name: string;
  relkind: string;
  comment: string | null;
};

/** Names are values ($1, $2), never SQL. */
const FIND_TABLE = `
  SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name,
         c.relkind::text AS relkind,
         pg_catalog.obj_description(c.oid, 'pg_class') AS comment
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = $1 AND c.relname = $2
     AND c.relkind IN ('r', 'p')
     AND c.relpersistence <> 't'
     AND n.nspname NOT IN ('pg_catalog', 'information_schema')
     AND n.nspname NOT LIKE 'pg\\_toast%'`;

const COLUMNS = `
  SELECT a.attname AS name,
         pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
         NOT a.attnotnull AS nullable,
         CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS "default",
         CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
         CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS generated
    FROM pg_catalog.pg_attribute a
    LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
   WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY a.attnum`;

const INDEXES = `
  SELECT ic.relname AS name,
         pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
         i.indisunique AS "unique",
         i.indisprimary AS "primary",
         i.indisvalid AS valid,
         pg_catalog.pg_relation_size(i.indexrelid) AS size_bytes
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
   WHERE i.indrelid = $1::oid
   ORDER BY ic.relname`;

const CONSTRAINTS = `
  SELECT con.conname AS name,
         CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique'
                          WHEN 'c' THEN 'check' ELSE 'exclusion' END AS type,
         pg_catalog.pg_get_constraintdef(con.oid) AS definition
    FROM pg_catalog.pg_constraint con
   WHERE con.conrelid = $1::oid AND con.contype IN ('p', 'u', 'c', 'x')
   ORDER BY con.contype, con.conname`;

const keyColumns = (keys: string, rel: string) => `
  ARRAY(SELECT a.attname::text
          FROM unnest(con.${keys}) WITH ORDINALITY AS k(attnum, ord)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = con.${rel} AND a.attnum = k.attnum
         ORDER BY k.ord)`;

/** `$2` picks the side: outgoing (`conrelid`) or incoming (`confrelid`). */
const FOREIGN_KEYS = `
  SELECT con.conname AS name,
         fn.nspname AS from_schema, fc.relname AS from_table,
         ${keyColumns('conkey', 'conrelid')} AS from_columns,
         tn.nspname AS to_schema, tc.relname AS to_table,
         ${keyColumns('confkey', 'confrelid')} AS to_columns,
         pg_catalog.pg_get_constraintdef(con.oid) AS definition
    FROM pg_catalog.pg_constraint con
    JOIN pg_catalog.pg_class fc ON fc.oid = con.conrelid
    JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
    JOIN pg_catalog.pg_class tc ON tc.oid = con.confrelid
    JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
   WHERE con.contype = 'f'
     AND con.conparentid = 0
     AND CASE WHEN $2::text = 'out' THEN con.conrelid ELSE con.confrelid END = $1::oid
   ORDER BY con.conname, fn.nspname, fc.relname`;

const TRIGGERS = `
  SELECT t.tgname AS name,
         t.tgenabled <> 'D' AS enabled,
         pg_catalog.pg_get_triggerdef(t.oid) AS definition
    FROM pg_catalog.pg_trigger t
   WHERE t.tgrelid = $1::oid AND NOT t.tgisinternal
   ORDER BY t.tgname`;

type ForeignKeyRow = {
  name: string;
  from_schema: string;
  from_table: string;
  from_columns: string[];
  to_schema: string;
  to_table: string;
  to_columns: string[];
  definition: string;
};

function toForeignKey(row: ForeignKeyRow): ForeignKeyDetail {
  return {
    name: row.name,
    fromSchema: row.from_schema,
    fromTable: row.from_table,
    fromColumns: row.from_columns,
    toSchema: row.to_schema,
    toTable: row.to_table,
    toColumns: row.to_columns,
    definition: row.definition,
  };
}

/**
 * The structure of one table and its exact row count, read from the catalog
 * of an inspected database.
 *
 * @internal
 */
export class TableDetailService implements TableDetailSource {
  private readonly databases: EnvironmentDatabases;
  private readonly store: ActivityStore;

  constructor(options: {
    databases: EnvironmentDatabases;
    store: ActivityStore;
  }) {
    this.databases = options.databases;
    this.store = options.store;
  }

  async getTableDetail(
    environment: string,
    schema: string,
    table: string,
    actor: string,
  ): Promise<TableDetail> {
    const detail = await this.databases.read(environment, async db => {
      const relation = await this.findTable(db, environment, schema, table);
      const [columns, indexes, constraints, outgoing, incoming, triggers] = [
        await db.query<ColumnDetail>(COLUMNS, [relation.oid]),
        await db.query<IndexDetail & { size_bytes: string }>(INDEXES, [
          relation.oid,
        ]),
        await db.query<ConstraintDetail>(CONSTRAINTS, [relation.oid]),
        await db.query<ForeignKeyRow>(FOREIGN_KEYS, [relation.oid, 'out']),
        await db.query<ForeignKeyRow>(FOREIGN_KEYS, [relation.oid, 'in']),
        await db.query<TriggerDetail>(TRIGGERS, [relation.oid]),
      ];
      const result: TableDetail = {
        schema: relation.schema,
        name: relation.name,
        kind: relation.relkind === 'p' ? 'partitioned table' : 'table',
        comment: relation.comment,
        columns,
        indexes: indexes.map(({ size_bytes, ...index }) => ({
          ...index,
          sizeBytes: Number(size_bytes),
        })),
        constraints,
        foreignKeys: {
          outgoing: outgoing.map(toForeignKey),
          incoming: incoming.map(toForeignKey),
        },
        triggers,
      };
      return result;
    });
    await this.store.record({
      actor,
      action: 'tables.detail',
      environment,
      details: { schema: detail.schema, table: detail.name },
    });
    return detail;
  }

  async countRows(
    environment: string,
    schema: string,
    table: string,
    actor: string,
  ): Promise<TableCount> {
    const env = this.databases.require(environment);
    const result = await this.databases.read(environment, async db => {
      const relation = await this.findTable(db, environment, schema, table);
      const base = {
        schema: relation.schema,
        name: relation.name,
        timeoutMs: env.statementTimeoutMs,
      };
      const started = performance.now();
      try {
        // the identifier comes from the catalog row found above
        const [row] = await db.query<{ count: string }>(
          `SELECT count(*) AS count FROM ${quoteIdent(
            relation.schema,
          )}.${quoteIdent(relation.name)}`,
        );
        return {
          ...base,
          count: Number(row.count),
          timedOut: false,
          elapsedMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        if (
          error instanceof InspectorDatabaseError &&
          error.code !== undefined &&
          TIMED_OUT.includes(error.code)
        ) {
          return {
            ...base,
            count: null,
            timedOut: true,
            elapsedMs: Math.round(performance.now() - started),
          };
        }
        throw error;
      }
    });
    await this.store.record({
      actor,
      action: 'tables.count',
      environment,
      details: {
        schema: result.schema,
        table: result.name,
        count: result.count,
        timedOut: result.timedOut,
      },
    });
    return result;
  }

  private async findTable(
    db: ReadOnlyQueryable,
    environment: string,
    schema: string,
    table: string,
  ): Promise<RelationRow> {
    const [relation] = await db.query<RelationRow>(FIND_TABLE, [schema, table]);
    if (!relation) {
      throw new NotFoundError(
        `No table ${JSON.stringify(schema)}.${JSON.stringify(
          table,
        )} in environment ${environment}`,
      );
    }
    return relation;
  }
}
