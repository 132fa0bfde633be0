import { CompareResult, CompareSummary, SchemaDifference } from './types';
import { CatalogObject, CatalogSnapshot } from './catalog';
import { diffSnapshots, RawDifference } from './diff';
import { hazardsOf, severityOf } from './hazards';
import {
  joinStatements,
  MIGRATION_HEADER,
  PHASE,
  SqlContext,
  Statement,
  statementsFor,
} from './sql';

const CHILD_TYPES = new Set([
  'column',
  'constraint',
  'foreign_key',
  'index',
  'trigger',
  'policy',
]);

function relationKey(schema: string, name: string): string {
  return `${schema}\u0000${name}`;
}

/** The children of every table and materialized view of a snapshot. */
function childrenByRelation(
  snapshot: CatalogSnapshot,
): Map<string, CatalogObject[]> {
  const children = new Map<string, CatalogObject[]>();
  for (const object of snapshot.objects) {
    if (object.table !== undefined && CHILD_TYPES.has(object.objectType)) {
      const key = relationKey(object.schema, object.table);
      let list = children.get(key);
      if (!list) {
        list = [];
        children.set(key, list);
      }
      list.push(object);
    }
  }
  return children;
}

/** The identity of an object across targets (see `SchemaDifference.key`). */
function differenceKey(object: CatalogObject): string {
  const table = object.table !== undefined ? `${object.table}.` : '';
  return `${object.objectType}:${object.schema}.${table}${object.name}`;
}

/**
 * The table whose difference a dependent object folds into when that table
 * exists on one side only: the table of its columns, constraints, foreign
 * keys, indexes, triggers and policies, and the table owning a sequence
 * (serial columns, `OWNED BY`).
 */
function owningTable(object: CatalogObject): string | undefined {
  if (object.table !== undefined && CHILD_TYPES.has(object.objectType)) {
    return relationKey(object.schema, object.table);
  }
  if (object.objectType === 'sequence') {
    const owner = object.def.ownedBy as {
      schema: string;
      table: string;
    } | null;
    if (owner) {
      return relationKey(owner.schema, owner.table);
    }
  }
  return undefined;
}

/** `compute()`, called once, on the first call. */
function lazy<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => {
    if (value === undefined) {
      value = compute();
    }
    return value;
  };
}

function summarize(differences: SchemaDifference[]): CompareSummary {
  const summary: CompareSummary = {
    total: differences.length,
    breakingCount: 0,
    byChange: { added: 0, removed: 0, modified: 0 },
    byObjectType: {},
    bySeverity: { breaking: 0, hazard: 0, info: 0 },
    byHazard: {},
  };
  for (const difference of differences) {
    summary.bySeverity[difference.severity] += 1;
    for (const hazard of difference.hazards) {
      summary.byHazard[hazard.code] = (summary.byHazard[hazard.code] ?? 0) + 1;
    }
    summary.byChange[difference.change] += 1;
    summary.byObjectType[difference.objectType] =
      (summary.byObjectType[difference.objectType] ?? 0) + 1;
    if (difference.breaking) {
      summary.breakingCount += 1;
    }
  }
  return summary;
}

function columnsOf(children: CatalogObject[] | undefined) {
  return (children ?? [])
    .filter(c => c.objectType === 'column')
    .sort((a, b) => Number(a.meta?.position) - Number(b.meta?.position))
    .map(c => ({ name: c.name, ...c.def }));
}

/**
 * Views and materialized views (of the source that the target also has,
 * unchanged) that must be dropped and created again because a column of a
 * table they depend on, directly or through other views, changes type:
 * PostgreSQL refuses `ALTER COLUMN ... TYPE` under a view. Keyed by the
 * table; a view appears under the first such table only.
 */
function viewsToRebuild(
  raw: RawDifference[],
  source: CatalogSnapshot,
  target: CatalogSnapshot,
): Map<string, CatalogObject[]> {
  const changedTables: string[] = [];
  for (const d of raw) {
    const object = d.source;
    if (
      d.change === 'modified' &&
      object?.objectType === 'column' &&
      ((object.def as any).dataType !== (d.target!.def as any).dataType ||
        (object.def as any).generated !== (d.target!.def as any).generated)
    ) {
      const key = relationKey(object.schema, object.table!);
      if (!changedTables.includes(key)) {
        changedTables.push(key);
      }
    }
  }
  const result = new Map<string, CatalogObject[]>();
  if (!changedTables.length) {
    return result;
  }
  const dependents = new Map<string, CatalogObject[]>();
  for (const object of source.objects) {
    if (
      object.objectType === 'view' ||
      object.objectType === 'materialized_view'
    ) {
      for (const [schema, name] of (object.meta?.dependsOn ?? []) as [
        string,
        string,
      ][]) {
        const key = relationKey(schema, name);
        dependents.set(key, [...(dependents.get(key) ?? []), object]);
      }
    }
  }
  const changedViews = new Set(
    raw
      .filter(
        d =>
          d.change !== 'added' &&
          ['view', 'materialized_view'].includes(d.source!.objectType),
      )
      .map(d => relationKey(d.source!.schema, d.source!.name)),
  );
  const targetViews = new Map(
    target.objects
      .filter(
        o => o.objectType === 'view' || o.objectType === 'materialized_view',
      )
      .map(o => [relationKey(o.schema, o.name), o]),
  );
  const seen = new Set<string>();
  for (const table of changedTables) {
    const views: CatalogObject[] = [];
    const queue = [table];
    while (queue.length) {
      for (const view of dependents.get(queue.shift()!) ?? []) {
        const key = relationKey(view.schema, view.name);
        if (seen.has(key)) {
          continue;
        }
        seen.add(key);
        queue.push(key);
        const after = targetViews.get(key);
        if (!changedViews.has(key) && after) {
          views.push(after);
        }
      }
    }
    if (views.length) {
      result.set(table, views);
    }
  }
  return result;
}

/**
 * Compares two snapshots: the differences (target relative to source) with
 * their hazards and SQL, a summary, and the whole migration script.
 *
 * The dependents of a table that exists on one side only are not listed on
 * their own: the table's difference carries its columns in its definition,
 * and its constraints, foreign keys, indexes, triggers, policies and owned
 * sequences as `children` (without hazards of their own, not counted in the
 * summary); its SQL creates or drops them all.
 *
 * @public
 */
export function compareSnapshots(
  sourceSnapshot: CatalogSnapshot,
  targetSnapshot: CatalogSnapshot,
  labels: { source: string; target: string; generatedAt?: Date },
): CompareResult {
  const raw = diffSnapshots(sourceSnapshot, targetSnapshot);
  // only needed for tables created or dropped whole and rebuilt materialized
  // views: built on first use, not for every compare
  const sourceChildren = lazy(() => childrenByRelation(sourceSnapshot));
  const targetChildren = lazy(() => childrenByRelation(targetSnapshot));

  /** Tables that exist on one side only, with their change. */
  const wholeTables = new Map<string, RawDifference['change']>();
  const recreatedMatviews = new Set<string>();
  for (const d of raw) {
    const object = (d.source ?? d.target)!;
    if (object.objectType === 'table' && d.change !== 'modified') {
      wholeTables.set(relationKey(object.schema, object.name), d.change);
    }
    if (object.objectType === 'materialized_view' && d.change === 'modified') {
      recreatedMatviews.add(relationKey(object.schema, object.name));
    }
  }
  const context: SqlContext = {
    targetChildren: (schema, table) =>
      targetChildren().get(relationKey(schema, table)) ?? [],
  };

  const rebuiltViews = viewsToRebuild(raw, sourceSnapshot, targetSnapshot);
  const differences: SchemaDifference[] = [];
  const statements: Statement[] = [];
  /** Per whole table: its difference and statements, and what folds into it. */
  const tables = new Map<
    string,
    { difference: SchemaDifference; own: Statement[] }
  >();
  const folded = new Map<
    string,
    { children: SchemaDifference[]; statements: Statement[] }
  >();
  for (const d of raw as RawDifference[]) {
    const object = (d.source ?? d.target)!;
    const owner = owningTable(object);
    if (owner !== undefined && wholeTables.get(owner) === d.change) {
      // a dependent of a table created or dropped whole: the table's
      // statements create or drop it, except an owned sequence, which is
      // created before its table (and dropped with it)
      if (object.objectType === 'column') {
        continue; // listed in the table's definition
      }
      const own =
        object.objectType === 'sequence' && d.change === 'added'
          ? statementsFor(d, context)
          : [];
      statements.push(...own);
      let entry = folded.get(owner);
      if (!entry) {
        entry = { children: [], statements: [] };
        folded.set(owner, entry);
      }
      entry.statements.push(...own);
      entry.children.push({
        key: differenceKey(object),
        objectType: object.objectType,
        schema: object.schema,
        ...(object.table !== undefined ? { table: object.table } : {}),
        name: object.name,
        change: d.change,
        ...(d.source ? { source: d.source.def } : {}),
        ...(d.target ? { target: d.target.def } : {}),
        // the table's own difference carries the hazards
        severity: 'info',
        breaking: false,
        hazards: [],
      });
      continue;
    }
    const parent =
      object.table !== undefined
        ? relationKey(object.schema, object.table)
        : undefined;
    const hazards = hazardsOf(d);
    const own =
      parent && recreatedMatviews.has(parent) ? [] : statementsFor(d, context);
    const rebuilt = parent ? rebuiltViews.get(parent) : undefined;
    if (rebuilt && object.objectType === 'column') {
      rebuiltViews.delete(parent!);
      // drop dependents first, create them last
      const rebuild = rebuilt.map(view =>
        statementsFor(
          { change: 'modified', source: view, target: view },
          context,
        ),
      );
      for (const list of [...rebuild].reverse()) {
        own.push(...list.filter(st => st.phase === PHASE.dropView));
      }
      for (const list of rebuild) {
        own.push(...list.filter(st => st.phase !== PHASE.dropView));
      }
    }
    statements.push(...own);
    const severity = severityOf(hazards);
    const difference: SchemaDifference = {
      key: differenceKey(object),
      objectType: object.objectType,
      schema: object.schema,
      ...(object.table !== undefined ? { table: object.table } : {}),
      name: object.name,
      change: d.change,
      ...(d.source ? { source: d.source.def } : {}),
      ...(d.target ? { target: d.target.def } : {}),
      severity,
      breaking: severity === 'breaking',
      hazards,
      ...(own.length ? { sql: joinStatements(own) } : {}),
    };
    if (object.objectType === 'table' && d.change !== 'modified') {
      const key = relationKey(object.schema, object.name);
      const side = d.change === 'added' ? 'target' : 'source';
      const children = (
        d.change === 'added' ? targetChildren : sourceChildren
      )().get(key);
      difference[side] = { ...object.def, columns: columnsOf(children) };
      tables.set(key, { difference, own });
    }
    differences.push(difference);
  }
  for (const [key, { children, statements: extra }] of folded) {
    const table = tables.get(key)!;
    table.difference.children = children;
    if (extra.length) {
      table.difference.sql = joinStatements([...extra, ...table.own]);
    }
  }

  return {
    source: labels.source,
    target: labels.target,
    generatedAt: (labels.generatedAt ?? new Date()).toISOString(),
    summary: summarize(differences),
    differences,
    migrationSql: statements.length
      ? `${MIGRATION_HEADER}\n\n${joinStatements(statements)}\n`
      : '',
  };
}
