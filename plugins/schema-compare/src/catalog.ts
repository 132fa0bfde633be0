import { SchemaObjectType } from './types';
import { ReadOnlyQueryable } from './readOnly';

const IDENTITY_KINDS: Record<string, string> = {
  a: 'always',
  d: 'by default',
};

/**
 * One object of a database schema as read from the catalog.
 *
 * `def` is what is compared (two objects with the same key and the same
 * `def` are equal); `meta` is only used to write SQL (column order, the
 * parts of a name).
 *
 * @public
 */
export interface CatalogObject {
  objectType: SchemaObjectType;
  schema: string;
  table?: string;
  name: string;
  def: Record<string, unknown>;
  meta?: Record<string, unknown>;
}

/**
 * Every object of one database, outside the system schemas and excluding
 * objects that belong to an extension.
 *
 * @public
 */
export interface CatalogSnapshot {
  objects: CatalogObject[];
}

/** Schemas that are never compared, as an SQL condition on `n.nspname`. */
const USER_SCHEMA = `n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

/** Not a member of an extension; `$class` is the catalog of `$oid`. */
function notInExtension(oid: string, klass: string): string {
  return `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep
    WHERE dep.classid = '${klass}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;
}

/**
 * One set-based query per object kind. Each returns `schema`, `name`,
 * optionally `tbl`, and the kind's own columns.
 *
 * @internal
 */
export const CATALOG_QUERIES = {
  schema: `
    SELECT n.nspname AS schema, n.nspname AS name
    FROM pg_catalog.pg_namespace n
    WHERE ${USER_SCHEMA} AND n.nspname <> 'public'
      AND ${notInExtension('n.oid', 'pg_catalog.pg_namespace')}`,

  extension: `
    SELECT n.nspname AS schema, e.extname AS name, e.extversion AS version
    FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname <> 'plpgsql'`,

  enum: `
    SELECT n.nspname AS schema, t.typname AS name,
           array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
    JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
    WHERE t.typtype = 'e' AND ${USER_SCHEMA}
      AND ${notInExtension('t.oid', 'pg_catalog.pg_type')}
    GROUP BY n.nspname, t.typname`,

  sequence: `
    SELECT n.nspname AS schema, c.relname AS name,
           pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
           s.seqincrement::text AS increment, s.seqmin::text AS min_value,
           s.seqmax::text AS max_value, s.seqstart::text AS start_value,
           s.seqcache::text AS cache, s.seqcycle AS cycle,
           pg_catalog.pg_get_userbyid(c.relowner) AS owner,
           own.tbl_schema AS owned_schema, own.tbl AS owned_table, own.col AS owned_column
    FROM pg_catalog.pg_sequence s
    JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN LATERAL (
      SELECT tn.nspname AS tbl_schema, tc.relname AS tbl, a.attname AS col, d.deptype
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
      JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
      JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
        AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
      LIMIT 1
    ) own ON true
    WHERE ${USER_SCHEMA} AND own.deptype IS DISTINCT FROM 'i'
      AND ${notInExtension('c.oid', 'pg_catalog.pg_class')}`,

  function: `
    SELECT n.nspname AS schema, p.proname AS fname,
           pg_catalog.pg_get_function_identity_arguments(p.oid) AS args,
           p.prokind AS kind, pg_catalog.pg_get_functiondef(p.oid) AS definition
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prokind IN ('f', 'p') AND ${USER_SCHEMA}
      AND ${notInExtension('p.oid', 'pg_catalog.pg_proc')}`,

  table: `
    SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
           c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
           CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_key
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't' AND NOT c.relispartition
      AND ${USER_SCHEMA}
      AND ${notInExtension('c.oid', 'pg_catalog.pg_class')}`,

  column: `
    SELECT n.nspname AS schema, c.relname AS tbl, a.attname AS name, a.attnum AS position,
           pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type,
           a.attnotnull AS not_null,
           CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS default_value,
           a.attidentity AS identity,
           CASE WHEN a.attgenerated <> '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END AS generated,
           a.attgenerated AS generated_kind
    FROM pg_catalog.pg_attribute a
    JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped
      AND c.relkind IN ('r', 'p') AND c.relpersistence <> 't' AND NOT c.relispartition
      AND ${USER_SCHEMA}
      AND ${notInExtension('c.oid', 'pg_catalog.pg_class')}`,

  constraint: `
    SELECT n.nspname AS schema, c.relname AS tbl, co.conname AS name, co.contype AS kind,
           pg_catalog.pg_get_constraintdef(co.oid) AS definition
    FROM pg_catalog.pg_constraint co
    JOIN pg_catalog.pg_class c ON c.oid = co.conrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE co.contype IN ('p', 'u', 'c', 'x', 'f') AND co.conparentid = 0
      AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${USER_SCHEMA}
      AND ${notInExtension('c.oid', 'pg_catalog.pg_class')}`,

  index: `
    SELECT n.nspname AS schema, t.relname AS tbl, ic.relname AS name,
           i.indisunique AS is_unique, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_catalog.pg_index i
    JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
    WHERE t.relkind IN ('r', 'p', 'm') AND NOT ic.relispartition AND ${USER_SCHEMA}
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint co
                      WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x'))
      AND ${notInExtension('t.oid', 'pg_catalog.pg_class')}`,

  view: `
    SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
           pg_catalog.pg_get_viewdef(c.oid, true) AS definition,
           ARRAY(SELECT DISTINCT jsonb_build_array(dn.nspname, dc.relname)::text
                 FROM pg_catalog.pg_rewrite rw
                 JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass
                   AND d.objid = rw.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass
                 JOIN pg_catalog.pg_class dc ON dc.oid = d.refobjid
                 JOIN pg_catalog.pg_namespace dn ON dn.oid = dc.relnamespace
                 WHERE rw.ev_class = c.oid AND d.refobjid <> c.oid) AS depends_on
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('v', 'm') AND ${USER_SCHEMA}
      AND ${notInExtension('c.oid', 'pg_catalog.pg_class')}`,

  trigger: `
    SELECT n.nspname AS schema, c.relname AS tbl, tg.tgname AS name,
           pg_catalog.pg_get_triggerdef(tg.oid) AS definition, tg.tgenabled AS enabled
    FROM pg_catalog.pg_trigger tg
    JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT tg.tgisinternal AND tg.tgparentid = 0 AND ${USER_SCHEMA}
      AND ${notInExtension('c.oid', 'pg_catalog.pg_class')}`,

  policy: `
    SELECT n.nspname AS schema, c.relname AS tbl, p.polname AS name,
           p.polpermissive AS permissive, p.polcmd AS cmd,
           CASE WHEN p.polroles = '{0}' THEN ARRAY['public']
                ELSE ARRAY(SELECT r.rolname::text FROM pg_catalog.pg_roles r
                           WHERE r.oid = ANY (p.polroles) ORDER BY 1) END AS roles,
           pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS using_expr,
           pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
    FROM pg_catalog.pg_policy p
    JOIN pg_catalog.pg_class c ON c.oid = p.polrelid
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_SCHEMA}`,
} as const;

/**
 * The object kinds the catalog queries read, one query each.
 *
 * @public
 */
export type CatalogKind =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'sequence'
  | 'function'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'view'
  | 'trigger'
  | 'policy';

// every kind has its query, and every query is a kind
const _everyKindHasAQuery: Record<CatalogKind, string> = CATALOG_QUERIES;
const _everyQueryIsAKind: Record<keyof typeof CATALOG_QUERIES, true> = {
  ...({} as Record<CatalogKind, true>),
};
void _everyKindHasAQuery;
void _everyQueryIsAKind;

/** @public */
export type CatalogRow = Record<string, any>;

const CONSTRAINT_KINDS: Record<string, string> = {
  p: 'primary_key',
  u: 'unique',
  c: 'check',
  x: 'exclusion',
  f: 'foreign_key',
};

const POLICY_COMMANDS: Record<string, string> = {
  r: 'SELECT',
  a: 'INSERT',
  w: 'UPDATE',
  d: 'DELETE',
  '*': 'ALL',
};

/** Turns the rows of one kind's query into catalog objects. */
function toObjects(kind: CatalogKind, rows: CatalogRow[]): CatalogObject[] {
  switch (kind) {
    case 'schema':
      return rows.map(r => ({
        objectType: 'schema',
        schema: r.schema,
        name: r.name,
        def: {},
      }));
    case 'extension':
      return rows.map(r => ({
        objectType: 'extension',
        schema: r.schema,
        name: r.name,
        def: { version: r.version },
      }));
    case 'enum':
      return rows.map(r => ({
        objectType: 'enum',
        schema: r.schema,
        name: r.name,
        def: { values: r.labels },
      }));
    case 'sequence':
      return rows.map(r => ({
        objectType: 'sequence',
        schema: r.schema,
        name: r.name,
        def: {
          dataType: r.data_type,
          increment: r.increment,
          minValue: r.min_value,
          maxValue: r.max_value,
          start: r.start_value,
          cache: r.cache,
          cycle: r.cycle,
          owner: r.owner,
          ownedBy: r.owned_table
            ? {
                schema: r.owned_schema,
                table: r.owned_table,
                column: r.owned_column,
              }
            : null,
        },
      }));
    case 'function':
      return rows.map(r => ({
        objectType: 'function',
        schema: r.schema,
        name: `${r.fname}(${r.args})`,
        def: {
          kind: r.kind === 'p' ? 'procedure' : 'function',
          definition: r.definition,
        },
        meta: { name: r.fname, args: r.args },
      }));
    case 'table':
      return rows.map(r => ({
        objectType: 'table',
        schema: r.schema,
        name: r.name,
        def: {
          partitioned: r.kind === 'p',
          partitionKey: r.partition_key ?? null,
          rowSecurity: r.row_security,
          forceRowSecurity: r.force_row_security,
        },
      }));
    case 'column':
      return rows.map(r => ({
        objectType: 'column',
        schema: r.schema,
        table: r.tbl,
        name: r.name,
        def: {
          dataType: r.data_type,
          notNull: r.not_null,
          default: r.default_value ?? null,
          identity: IDENTITY_KINDS[r.identity ?? ''] ?? null,
          generated: r.generated ?? null,
        },
        meta: { position: r.position, generatedKind: r.generated_kind },
      }));
    case 'constraint':
      return rows.map(r => ({
        objectType: r.kind === 'f' ? 'foreign_key' : 'constraint',
        schema: r.schema,
        table: r.tbl,
        name: r.name,
        def: { kind: CONSTRAINT_KINDS[r.kind], definition: r.definition },
      }));
    case 'index':
      return rows.map(r => ({
        objectType: 'index',
        schema: r.schema,
        table: r.tbl,
        name: r.name,
        def: { unique: r.is_unique, definition: r.definition },
      }));
    case 'view':
      return rows.map(r => ({
        objectType: r.kind === 'm' ? 'materialized_view' : 'view',
        schema: r.schema,
        name: r.name,
        def: { definition: r.definition },
        meta: {
          dependsOn: (r.depends_on as string[]).map(
            text => JSON.parse(text) as [string, string],
          ),
        },
      }));
    case 'trigger':
      return rows.map(r => ({
        objectType: 'trigger',
        schema: r.schema,
        table: r.tbl,
        name: r.name,
        def: { definition: r.definition, enabled: r.enabled },
      }));
    case 'policy':
      return rows.map(r => ({
        objectType: 'policy',
        schema: r.schema,
        table: r.tbl,
        name: r.name,
        def: {
          permissive: r.permissive,
          command: POLICY_COMMANDS[r.cmd] ?? r.cmd,
          roles: r.roles,
          using: r.using_expr ?? null,
          withCheck: r.check_expr ?? null,
        },
      }));
    default:
      return [];
  }
}

/**
 * Runs the catalog queries of {@link CATALOG_QUERIES}, in their order, inside
 * the caller's read-only transaction, and hands the rows of each kind to
 * `onRows` as they arrive. The queries run one after the other on the one
 * connection of that transaction, but the next one is sent before the rows
 * of the previous one are handled, so that the server works on it meanwhile
 * (each query is still sent only when the previous one has finished, so
 * client-side timeouts count one query each).
 *
 * Shared by {@link readCatalog} and the benchmark's floor, which measures
 * these very queries with nothing done to the rows.
 *
 * @public
 */
export async function queryCatalog(
  db: ReadOnlyQueryable,
  onRows: (kind: CatalogKind, rows: CatalogRow[]) => void,
): Promise<void> {
  const kinds = Object.keys(CATALOG_QUERIES) as CatalogKind[];
  const send = (kind: CatalogKind) => {
    const pending = db.query(CATALOG_QUERIES[kind]);
    // awaited below; this only keeps a failure while `onRows` runs (or after
    // it throws) from being reported as unhandled
    pending.catch(() => {});
    return pending;
  };
  let pending = send(kinds[0]);
  for (let i = 0; i < kinds.length; i++) {
    const rows = await pending;
    if (i + 1 < kinds.length) {
      pending = send(kinds[i + 1]);
    }
    onRows(kinds[i], rows);
  }
}

/**
 * Reads the schema of one database with one query per object kind (see
 * {@link queryCatalog}), inside the caller's read-only transaction.
 *
 * @public
 */
export async function readCatalog(
  db: ReadOnlyQueryable,
): Promise<CatalogSnapshot> {
  const objects: CatalogObject[] = [];
  await queryCatalog(db, (kind, rows) => {
    for (const object of toObjects(kind, rows)) {
      objects.push(object);
    }
  });
  return { objects };
}
