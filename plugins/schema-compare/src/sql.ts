import { quoteIdent } from '@opshub/opshub-common';
import { CatalogObject } from './catalog';
import { RawDifference } from './diff';
import { functionSignatureChanged } from './hazards';

export { quoteIdent };

/**
 * A string as a PostgreSQL literal; `E''` with doubled backslashes when it
 * has one, so it reads the same whatever `standard_conforming_strings` is.
 *
 * @internal
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) {
    throw new Error('A literal cannot contain a NUL character');
  }
  const quoted = `'${value.replace(/'/g, "''")}'`;
  return value.includes('\\') ? `E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}

/** `"schema"."name"`. @internal */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * The phases of a migration: sequences leave the column that owns them
 * (so that dropping it does not drop them), drops (dependents before what
 * they depend on), then creates (dependencies first), then validations.
 *
 * @internal
 */
export const PHASE = {
  detachSequence: 0,
  dropPolicy: 1,
  dropTrigger: 2,
  dropView: 3,
  dropForeignKey: 4,
  dropConstraint: 5,
  dropIndex: 6,
  dropColumn: 7,
  dropTable: 8,
  dropFunction: 9,
  dropSequence: 10,
  dropEnum: 11,
  dropExtension: 12,
  dropSchema: 13,
  schema: 20,
  extension: 21,
  enum: 22,
  sequence: 23,
  function: 24,
  table: 25,
  column: 26,
  sequenceOwner: 27,
  constraint: 28,
  foreignKey: 29,
  view: 30,
  index: 31,
  trigger: 32,
  policy: 33,
  validate: 34,
} as const;

/** @internal */
export interface Statement {
  phase: number;
  sql: string;
}

/**
 * What SQL generation needs beyond the difference itself: the target's
 * columns, constraints, indexes, triggers and policies of a table or
 * materialized view, for objects created whole.
 *
 * @internal
 */
export interface SqlContext {
  targetChildren(schema: string, table: string): CatalogObject[];
}

type Def = Record<string, any>;

function tableOf(object: CatalogObject): string {
  return qualified(object.schema, object.table!);
}

function stripSemicolon(text: string): string {
  return text.trim().replace(/;+\s*$/, '');
}

function columnDefinition(column: CatalogObject): string {
  const def = column.def as Def;
  let sql = `${quoteIdent(column.name)} ${def.dataType}`;
  if (def.generated) {
    const kind =
      (column.meta?.generatedKind as string) === 'v' ? 'VIRTUAL' : 'STORED';
    sql += ` GENERATED ALWAYS AS (${def.generated}) ${kind}`;
  }
  if (def.default !== null && def.default !== undefined) {
    sql += ` DEFAULT ${def.default}`;
  }
  if (def.notNull) {
    sql += ' NOT NULL';
  }
  if (def.identity) {
    sql += ` GENERATED ${
      def.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'
    } AS IDENTITY`;
  }
  return sql;
}

function createConstraint(
  object: CatalogObject,
  existingTable: boolean,
): Statement[] {
  const def = object.def as Def;
  const definition = def.definition as string;
  const foreign = object.objectType === 'foreign_key';
  const phase = foreign ? PHASE.foreignKey : PHASE.constraint;
  const add = `ALTER TABLE ${tableOf(object)} ADD CONSTRAINT ${quoteIdent(
    object.name,
  )} ${definition}`;
  const canDefer = foreign || def.kind === 'check';
  if (!existingTable || !canDefer || /\bNOT VALID$/.test(definition)) {
    const note =
      existingTable && (def.kind === 'unique' || def.kind === 'primary_key')
        ? '-- On a large table: CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX.\n'
        : '';
    return [{ phase, sql: `${note}${add};` }];
  }
  return [
    { phase, sql: `${add} NOT VALID;` },
    {
      phase: PHASE.validate,
      sql: `ALTER TABLE ${tableOf(object)} VALIDATE CONSTRAINT ${quoteIdent(
        object.name,
      )};`,
    },
  ];
}

function createIndex(
  object: CatalogObject,
  existingTable: boolean,
): Statement[] {
  const definition = (object.def as Def).definition as string;
  const note = existingTable
    ? '-- Outside a transaction, CREATE INDEX CONCURRENTLY avoids blocking writes.\n'
    : '';
  return [{ phase: PHASE.index, sql: `${note}${definition};` }];
}

function createTrigger(object: CatalogObject): Statement[] {
  const def = object.def as Def;
  const statements: Statement[] = [
    { phase: PHASE.trigger, sql: `${def.definition};` },
  ];
  const toggle: Record<string, string> = {
    D: 'DISABLE TRIGGER',
    R: 'ENABLE REPLICA TRIGGER',
    A: 'ENABLE ALWAYS TRIGGER',
  };
  if (toggle[def.enabled]) {
    statements.push({
      phase: PHASE.trigger,
      sql: `ALTER TABLE ${tableOf(object)} ${toggle[def.enabled]} ${quoteIdent(
        object.name,
      )};`,
    });
  }
  return statements;
}

function createPolicy(object: CatalogObject): Statement[] {
  const def = object.def as Def;
  const roles = (def.roles as string[])
    .map(role => (role === 'public' ? 'PUBLIC' : quoteIdent(role)))
    .join(', ');
  let sql = `CREATE POLICY ${quoteIdent(object.name)} ON ${tableOf(
    object,
  )} AS ${def.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${
    def.command
  } TO ${roles}`;
  if (def.using) {
    sql += ` USING (${def.using})`;
  }
  if (def.withCheck) {
    sql += ` WITH CHECK (${def.withCheck})`;
  }
  return [{ phase: PHASE.policy, sql: `${sql};` }];
}

function sequenceOptions(def: Def): string {
  return [
    `AS ${def.dataType}`,
    `INCREMENT BY ${def.increment}`,
    `MINVALUE ${def.minValue}`,
    `MAXVALUE ${def.maxValue}`,
    `START WITH ${def.start}`,
    `CACHE ${def.cache}`,
    def.cycle ? 'CYCLE' : 'NO CYCLE',
  ].join(' ');
}

function sameOwner(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function ownedBy(def: Def): string {
  const owner = def.ownedBy as {
    schema: string;
    table: string;
    column: string;
  } | null;
  return owner
    ? `${qualified(owner.schema, owner.table)}.${quoteIdent(owner.column)}`
    : 'NONE';
}

/** Children of a table created with it, in their own phases. */
function childStatements(
  child: CatalogObject,
  existingTable: boolean,
): Statement[] {
  switch (child.objectType) {
    case 'constraint':
    case 'foreign_key':
      return createConstraint(child, existingTable);
    case 'index':
      return createIndex(child, existingTable);
    case 'trigger':
      return createTrigger(child);
    case 'policy':
      return createPolicy(child);
    default:
      return [];
  }
}

function enumStatements(diff: RawDifference): Statement[] {
  const object = diff.target!;
  const name = qualified(object.schema, object.name);
  const from = (diff.source!.def as Def).values as string[];
  const to = (object.def as Def).values as string[];
  const present = new Set(from);
  const statements: Statement[] = [];
  const removed = from.filter(v => !to.includes(v));
  if (removed.length) {
    statements.push({
      phase: PHASE.enum,
      sql: `-- MANUAL: PostgreSQL cannot drop enum values (${removed
        .map(quoteLiteral)
        .join(
          ', ',
        )}) from ${name}: create a new type, move the columns to it, and drop the old one.`,
    });
  }
  const kept = from.filter(v => to.includes(v));
  if (kept.join('\u0000') !== to.filter(v => present.has(v)).join('\u0000')) {
    statements.push({
      phase: PHASE.enum,
      sql: `-- MANUAL: the order of the values of ${name} differs and cannot be changed in place.`,
    });
  }
  to.forEach((value, index) => {
    if (present.has(value)) {
      return;
    }
    const previous = to
      .slice(0, index)
      .reverse()
      .find(v => present.has(v));
    const next = to.slice(index + 1).find(v => present.has(v));
    let position = '';
    if (previous !== undefined) {
      position = ` AFTER ${quoteLiteral(previous)}`;
    } else if (next !== undefined) {
      position = ` BEFORE ${quoteLiteral(next)}`;
    }
    statements.push({
      phase: PHASE.enum,
      sql: `ALTER TYPE ${name} ADD VALUE IF NOT EXISTS ${quoteLiteral(
        value,
      )}${position};`,
    });
    present.add(value);
  });
  return statements;
}

function columnStatements(diff: RawDifference): Statement[] {
  const object = (diff.target ?? diff.source)!;
  const table = tableOf(object);
  const column = quoteIdent(object.name);
  if (diff.change === 'added') {
    const def = object.def as Def;
    const note =
      def.notNull && def.default === null && !def.identity && !def.generated
        ? '-- Fails if the table has rows: add it nullable, backfill, then SET NOT NULL.\n'
        : '';
    return [
      {
        phase: PHASE.column,
        sql: `${note}ALTER TABLE ${table} ADD COLUMN ${columnDefinition(
          object,
        )};`,
      },
    ];
  }
  if (diff.change === 'removed') {
    return [
      {
        phase: PHASE.dropColumn,
        sql: `ALTER TABLE ${table} DROP COLUMN ${column};`,
      },
    ];
  }
  const s = diff.source!.def as Def;
  const t = object.def as Def;
  const alter = (action: string): Statement => ({
    phase: PHASE.column,
    sql: `ALTER TABLE ${table} ALTER COLUMN ${column} ${action};`,
  });
  if (s.generated !== t.generated) {
    if (s.generated && t.generated) {
      // SET EXPRESSION needs PostgreSQL 17; recreating works on every
      // version and loses nothing, as a generated column is computed
      return [
        {
          phase: PHASE.column,
          sql: `-- The generation expression changes: the column is recomputed (on PostgreSQL 17+, ALTER COLUMN ${column} SET EXPRESSION AS (...) keeps it in place).\nALTER TABLE ${table} DROP COLUMN ${column};\nALTER TABLE ${table} ADD COLUMN ${columnDefinition(
            object,
          )};`,
        },
      ];
    }
    return [
      {
        phase: PHASE.column,
        sql: `-- The generation of the column changes: it is recreated and its data is lost.\nALTER TABLE ${table} DROP COLUMN ${column};\nALTER TABLE ${table} ADD COLUMN ${columnDefinition(
          object,
        )};`,
      },
    ];
  }
  const statements: Statement[] = [];
  const defaultChanged = s.default !== t.default;
  if (
    s.default !== null &&
    (t.default === null || (defaultChanged && s.dataType !== t.dataType))
  ) {
    statements.push(alter('DROP DEFAULT'));
  }
  if (s.identity && s.identity !== t.identity && !t.identity) {
    statements.push(alter('DROP IDENTITY'));
  }
  if (s.dataType !== t.dataType) {
    statements.push(alter(`TYPE ${t.dataType} USING ${column}::${t.dataType}`));
  }
  if (defaultChanged && t.default !== null) {
    statements.push(alter(`SET DEFAULT ${t.default}`));
  }
  if (s.identity !== t.identity && t.identity) {
    const kind = t.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT';
    statements.push(
      alter(
        s.identity
          ? `SET GENERATED ${kind}`
          : `ADD GENERATED ${kind} AS IDENTITY`,
      ),
    );
  }
  if (!s.notNull && t.notNull) {
    statements.push(alter('SET NOT NULL'));
  } else if (s.notNull && !t.notNull) {
    statements.push(alter('DROP NOT NULL'));
  }
  return statements;
}

function tableStatements(
  diff: RawDifference,
  context: SqlContext,
): Statement[] {
  const object = (diff.target ?? diff.source)!;
  const name = qualified(object.schema, object.name);
  if (diff.change === 'removed') {
    return [{ phase: PHASE.dropTable, sql: `DROP TABLE ${name};` }];
  }
  const t = object.def as Def;
  if (diff.change === 'added') {
    const children = context.targetChildren(object.schema, object.name);
    const columns = children
      .filter(c => c.objectType === 'column')
      .sort((a, b) => Number(a.meta?.position) - Number(b.meta?.position));
    const statements: Statement[] = [
      {
        phase: PHASE.table,
        sql: `CREATE TABLE ${name} (${columns
          .map(c => `\n  ${columnDefinition(c)}`)
          .join(',')}\n)${
          t.partitionKey ? ` PARTITION BY ${t.partitionKey}` : ''
        };`,
      },
    ];
    for (const child of children) {
      statements.push(...childStatements(child, false));
    }
    if (t.rowSecurity) {
      statements.push({
        phase: PHASE.policy,
        sql: `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`,
      });
    }
    if (t.forceRowSecurity) {
      statements.push({
        phase: PHASE.policy,
        sql: `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`,
      });
    }
    return statements;
  }
  const s = diff.source!.def as Def;
  const statements: Statement[] = [];
  if (s.partitionKey !== t.partitionKey) {
    statements.push({
      phase: PHASE.table,
      sql: `-- MANUAL: the partitioning of ${name} differs; the table must be recreated.`,
    });
  }
  if (s.rowSecurity !== t.rowSecurity) {
    statements.push({
      phase: PHASE.policy,
      sql: `ALTER TABLE ${name} ${
        t.rowSecurity ? 'ENABLE' : 'DISABLE'
      } ROW LEVEL SECURITY;`,
    });
  }
  if (s.forceRowSecurity !== t.forceRowSecurity) {
    statements.push({
      phase: PHASE.policy,
      sql: `ALTER TABLE ${name} ${
        t.forceRowSecurity ? 'FORCE' : 'NO FORCE'
      } ROW LEVEL SECURITY;`,
    });
  }
  return statements;
}

/**
 * The statements that turn the source's object into the target's, each
 * tagged with its migration phase. Every identifier is quoted with
 * {@link quoteIdent}; definitions come from `pg_get_*def`, which quotes its
 * own identifiers.
 *
 * @internal
 */
export function statementsFor(
  diff: RawDifference,
  context: SqlContext,
): Statement[] {
  const object = (diff.target ?? diff.source)!;
  const { change } = diff;
  const drop = (phase: number, sql: string): Statement[] =>
    change === 'added' ? [] : [{ phase, sql }];
  const name = qualified(object.schema, object.name);
  switch (object.objectType) {
    case 'schema':
      if (change === 'added') {
        return [
          {
            phase: PHASE.schema,
            sql: `CREATE SCHEMA ${quoteIdent(object.name)};`,
          },
        ];
      }
      if (change === 'removed') {
        return [
          {
            phase: PHASE.dropSchema,
            sql: `DROP SCHEMA ${quoteIdent(object.name)};`,
          },
        ];
      }
      return [];
    case 'extension': {
      const version = (object.def as Def).version as string;
      if (change === 'removed') {
        return [
          {
            phase: PHASE.dropExtension,
            sql: `DROP EXTENSION ${quoteIdent(object.name)};`,
          },
        ];
      }
      return [
        {
          phase: PHASE.extension,
          sql:
            change === 'added'
              ? `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(
                  object.name,
                )} WITH SCHEMA ${quoteIdent(
                  object.schema,
                )} VERSION ${quoteLiteral(version)};`
              : `ALTER EXTENSION ${quoteIdent(
                  object.name,
                )} UPDATE TO ${quoteLiteral(version)};`,
        },
      ];
    }
    case 'enum':
      if (change === 'removed') {
        return [{ phase: PHASE.dropEnum, sql: `DROP TYPE ${name};` }];
      }
      if (change === 'added') {
        return [
          {
            phase: PHASE.enum,
            sql: `CREATE TYPE ${name} AS ENUM (${(
              (object.def as Def).values as string[]
            )
              .map(quoteLiteral)
              .join(', ')});`,
          },
        ];
      }
      return enumStatements(diff);
    case 'sequence': {
      const def = object.def as Def;
      if (change === 'removed') {
        // dropping the column that owns it drops it too
        const ifExists = def.ownedBy ? 'IF EXISTS ' : '';
        return [
          {
            phase: PHASE.dropSequence,
            sql: `DROP SEQUENCE ${ifExists}${name};`,
          },
        ];
      }
      const statements: Statement[] = [
        {
          phase: PHASE.sequence,
          sql: `${
            change === 'added' ? 'CREATE' : 'ALTER'
          } SEQUENCE ${name} ${sequenceOptions(def)};`,
        },
      ];
      const before = diff.source?.def as Def | undefined;
      const ownerChanged = !sameOwner(before?.ownedBy, def.ownedBy);
      if (before?.ownedBy && ownerChanged) {
        // dropping the old owning column or table would drop the sequence
        statements.push({
          phase: PHASE.detachSequence,
          sql: `ALTER SEQUENCE ${name} OWNED BY NONE;`,
        });
      }
      if (def.ownedBy && ownerChanged) {
        statements.push({
          phase: PHASE.sequenceOwner,
          sql: `ALTER SEQUENCE ${name} OWNED BY ${ownedBy(def)};`,
        });
      }
      if (before && before.owner !== def.owner) {
        statements.push({
          phase: PHASE.sequenceOwner,
          sql: `ALTER SEQUENCE ${name} OWNER TO ${quoteIdent(def.owner)};`,
        });
      }
      return statements;
    }
    case 'function': {
      const meta = (diff.source ?? object).meta as {
        name: string;
        args: string;
      };
      const kind =
        (diff.source?.def as Def | undefined)?.kind === 'procedure'
          ? 'PROCEDURE'
          : 'FUNCTION';
      if (change === 'removed') {
        return [
          {
            phase: PHASE.dropFunction,
            sql: `DROP ${kind} ${qualified(object.schema, meta.name)}(${
              meta.args
            });`,
          },
        ];
      }
      const statements: Statement[] = [];
      if (
        change === 'modified' &&
        functionSignatureChanged(diff.source!.def as Def, object.def as Def)
      ) {
        // CREATE OR REPLACE cannot change the kind or the return type
        statements.push({
          phase: PHASE.dropFunction,
          sql: `DROP ${kind} ${qualified(object.schema, meta.name)}(${
            meta.args
          });`,
        });
      }
      statements.push({
        phase: PHASE.function,
        sql: `${stripSemicolon((object.def as Def).definition)};`,
      });
      return statements;
    }
    case 'table':
      return tableStatements(diff, context);
    case 'column':
      return columnStatements(diff);
    case 'constraint':
    case 'foreign_key':
      return [
        ...drop(
          object.objectType === 'foreign_key'
            ? PHASE.dropForeignKey
            : PHASE.dropConstraint,
          `ALTER TABLE ${tableOf(object)} DROP CONSTRAINT ${quoteIdent(
            object.name,
          )};`,
        ),
        ...(change === 'removed' ? [] : createConstraint(object, true)),
      ];
    case 'index':
      return [
        ...drop(PHASE.dropIndex, `DROP INDEX ${name};`),
        ...(change === 'removed' ? [] : createIndex(object, true)),
      ];
    case 'view':
    case 'materialized_view': {
      const keyword =
        object.objectType === 'view' ? 'VIEW' : 'MATERIALIZED VIEW';
      const statements = drop(PHASE.dropView, `DROP ${keyword} ${name};`);
      if (change !== 'removed') {
        statements.push({
          phase: PHASE.view,
          sql: `CREATE ${keyword} ${name} AS\n${stripSemicolon(
            (object.def as Def).definition,
          )};`,
        });
        if (
          change === 'modified' &&
          object.objectType === 'materialized_view'
        ) {
          // dropping the view dropped its indexes: recreate the unchanged ones
          for (const child of context.targetChildren(
            object.schema,
            object.name,
          )) {
            statements.push(...childStatements(child, false));
          }
        }
      }
      return statements;
    }
    case 'trigger':
      return [
        ...drop(
          PHASE.dropTrigger,
          `DROP TRIGGER ${quoteIdent(object.name)} ON ${tableOf(object)};`,
        ),
        ...(change === 'removed' ? [] : createTrigger(object)),
      ];
    case 'policy':
      return [
        ...drop(
          PHASE.dropPolicy,
          `DROP POLICY ${quoteIdent(object.name)} ON ${tableOf(object)};`,
        ),
        ...(change === 'removed' ? [] : createPolicy(object)),
      ];
    default:
      return [];
  }
}

/** Joins statements in phase order (stable within a phase). @internal */
export function joinStatements(statements: Statement[]): string {
  return statements
    .map((statement, index) => ({ statement, index }))
    .sort((a, b) => a.statement.phase - b.statement.phase || a.index - b.index)
    .map(({ statement }) => statement.sql)
    .join('\n');
}

/** The header of every migration script. @internal */
export const MIGRATION_HEADER =
  '-- Generated by OpsHub devops-inspector: turns the source schema into the target schema.\n-- Review before running. Statements marked MANUAL need a human.\nSET check_function_bodies = off;';
