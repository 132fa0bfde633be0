import {
  CompareResult,
  DIFFERENCE_SEVERITIES,
  DifferenceSeverity,
  isCompareError,
  MultiCompareResult,
  SCHEMA_OBJECT_TYPES,
  SchemaChange,
  SchemaDifference,
  SchemaObjectType,
} from '@opshub/plugin-devops-inspector-common';

/**
 * One compared target of the matrix: its result, or why it could not be
 * compared.
 *
 * @internal
 */
export interface MatrixColumn {
  /** The target as the result names it (environment or `snapshot:<id>`). */
  ref: string;
  result?: CompareResult;
  error?: string;
}

/**
 * One object that differs in at least one target.
 *
 * @internal
 */
export interface MatrixRow {
  key: string;
  objectType: SchemaObjectType;
  schema: string;
  table?: string;
  name: string;
  /** `schema.table.name` (or `schema.name`). */
  label: string;
  /** The difference in each column; `undefined` where the object is the same or the target is not compared. */
  cells: Array<SchemaDifference | undefined>;
  /**
   * Per column, the table the object changes with when it is folded under
   * that table there (the table is added or removed in that target).
   */
  foldedInto?: Array<SchemaDifference | undefined>;
  /** The most serious severity of its cells. */
  severity: DifferenceSeverity;
  /** The changes of its cells. */
  changes: ReadonlySet<SchemaChange>;
  /** The dependent objects folded under it, in any target. */
  children: MatrixRow[];
}

/**
 * The matrix of one multi-target comparison: one row per object key, one
 * column per target.
 *
 * @internal
 */
export interface DriftMatrixModel {
  source: string;
  columns: MatrixColumn[];
  /** Sorted by object type, schema, table and name. */
  rows: MatrixRow[];
  /** The object types and schemas that occur, for the filters. */
  objectTypes: SchemaObjectType[];
  schemas: string[];
}

const TYPE_ORDER = new Map(SCHEMA_OBJECT_TYPES.map((t, i) => [t, i]));
const SEVERITY_ORDER = new Map(DIFFERENCE_SEVERITIES.map((s, i) => [s, i]));

function labelOf(d: { schema: string; table?: string; name: string }) {
  return d.table ? `${d.schema}.${d.table}.${d.name}` : `${d.schema}.${d.name}`;
}

function newRow(d: SchemaDifference, columns: number): MatrixRow {
  return {
    key: d.key,
    objectType: d.objectType,
    schema: d.schema,
    table: d.table,
    name: d.name,
    label: labelOf(d),
    cells: new Array(columns).fill(undefined),
    severity: 'info',
    changes: new Set(),
    children: [],
  };
}

function finish(row: MatrixRow) {
  const changes = new Set<SchemaChange>();
  let severity = SEVERITY_ORDER.get('info')!;
  for (const cell of row.cells) {
    if (cell) {
      changes.add(cell.change);
      severity = Math.min(severity, SEVERITY_ORDER.get(cell.severity)!);
    }
  }
  row.changes = changes;
  row.severity = DIFFERENCE_SEVERITIES[severity];
}

function compareRows(a: MatrixRow, b: MatrixRow): number {
  return (
    TYPE_ORDER.get(a.objectType)! - TYPE_ORDER.get(b.objectType)! ||
    a.schema.localeCompare(b.schema) ||
    (a.table ?? '').localeCompare(b.table ?? '') ||
    a.name.localeCompare(b.name)
  );
}

/**
 * Builds the matrix in one pass over every target's differences (a map by
 * `key`): a row per object that differs somewhere, its difference per
 * target, and the dependent objects each target folded under a table as
 * that row's children.
 *
 * @internal
 */
export function buildMatrix(result: MultiCompareResult): DriftMatrixModel {
  const columns: MatrixColumn[] = result.results.map(entry =>
    isCompareError(entry)
      ? { ref: entry.target, error: entry.error }
      : { ref: entry.target, result: entry },
  );
  const count = columns.length;
  const rows = new Map<string, MatrixRow>();
  const childRows = new Map<MatrixRow, Map<string, MatrixRow>>();
  // child key -> per column, the table it is folded under there
  const folded = new Map<string, Array<SchemaDifference | undefined>>();

  columns.forEach((column, c) => {
    for (const d of column.result?.differences ?? []) {
      let row = rows.get(d.key);
      if (!row) {
        row = newRow(d, count);
        rows.set(d.key, row);
      }
      row.cells[c] = d;
      if (!d.children?.length) {
        continue;
      }
      let children = childRows.get(row);
      if (!children) {
        children = new Map();
        childRows.set(row, children);
      }
      for (const child of d.children) {
        let childRow = children.get(child.key);
        if (!childRow) {
          childRow = newRow(child, count);
          children.set(child.key, childRow);
        }
        childRow.cells[c] = child;
        let where = folded.get(child.key);
        if (!where) {
          where = new Array(count).fill(undefined);
          folded.set(child.key, where);
        }
        where[c] = d;
      }
    }
  });

  const objectTypes = new Set<SchemaObjectType>();
  const schemas = new Set<string>();
  const sorted = Array.from(rows.values());
  for (const row of sorted) {
    finish(row);
    row.foldedInto = folded.get(row.key);
    objectTypes.add(row.objectType);
    schemas.add(row.schema);
    const children = childRows.get(row);
    if (children) {
      row.children = Array.from(children.values()).sort(compareRows);
      row.children.forEach(finish);
    }
  }
  sorted.sort(compareRows);
  return {
    source: result.source,
    columns,
    rows: sorted,
    objectTypes: SCHEMA_OBJECT_TYPES.filter(t => objectTypes.has(t)),
    schemas: Array.from(schemas).sort(),
  };
}

/**
 * What the matrix shows; empty lists mean "all".
 *
 * @internal
 */
export interface MatrixFilter {
  types: SchemaObjectType[];
  schemas: string[];
  changes: SchemaChange[];
  breakingOnly: boolean;
  /** Part of the name, case-insensitive; also finds folded children. */
  search: string;
}

/** @internal */
export const EMPTY_FILTER: MatrixFilter = {
  types: [],
  schemas: [],
  changes: [],
  breakingOnly: false,
  search: '',
};

/**
 * One line of the virtualized matrix: a group header (object type and
 * schema), an object row, or a folded child under its row.
 *
 * @internal
 */
export type MatrixItem =
  | {
      kind: 'group';
      id: string;
      objectType: SchemaObjectType;
      schema: string;
      count: number;
    }
  | { kind: 'row'; id: string; row: MatrixRow; expanded: boolean }
  | { kind: 'child'; id: string; row: MatrixRow; parent: MatrixRow };

/** @internal */
export interface MatrixView {
  items: MatrixItem[];
  /** Object rows shown (children not counted). */
  rowCount: number;
}

function matches(row: MatrixRow, filter: MatrixFilter): boolean {
  if (filter.types.length && !filter.types.includes(row.objectType)) {
    return false;
  }
  if (filter.schemas.length && !filter.schemas.includes(row.schema)) {
    return false;
  }
  if (filter.changes.length && !filter.changes.some(c => row.changes.has(c))) {
    return false;
  }
  return !filter.breakingOnly || row.severity === 'breaking';
}

/**
 * The lines to show for a filter: matching rows under their group headers,
 * the children of the expanded rows, and while searching, the children that
 * match the search.
 *
 * @internal
 */
export function filterMatrix(
  model: DriftMatrixModel,
  filter: MatrixFilter,
  expanded: ReadonlySet<string>,
): MatrixView {
  const search = filter.search.trim().toLowerCase();
  const items: MatrixItem[] = [];
  let group: Extract<MatrixItem, { kind: 'group' }> | undefined;
  let rowCount = 0;
  for (const row of model.rows) {
    if (!matches(row, filter)) {
      continue;
    }
    let children = row.children;
    const open = expanded.has(row.key);
    if (search && !row.label.toLowerCase().includes(search)) {
      children = row.children.filter(c =>
        c.label.toLowerCase().includes(search),
      );
      if (!children.length) {
        continue;
      }
    } else if (!open) {
      children = [];
    }
    if (
      !group ||
      group.objectType !== row.objectType ||
      group.schema !== row.schema
    ) {
      group = {
        kind: 'group',
        id: `group:${row.objectType}:${row.schema}`,
        objectType: row.objectType,
        schema: row.schema,
        count: 0,
      };
      items.push(group);
    }
    group.count++;
    rowCount++;
    items.push({
      kind: 'row',
      id: row.key,
      row,
      expanded: children.length > 0,
    });
    for (const child of children) {
      items.push({
        kind: 'child',
        id: `${row.key}>${child.key}`,
        row: child,
        parent: row,
      });
    }
  }
  return { items, rowCount };
}

/**
 * One field of an object's definition in the source and in each target,
 * for the side-by-side view.
 *
 * @internal
 */
export interface DefinitionField {
  field: string;
  source: string | undefined;
  /** Per column: the target's value, `undefined` when the target has no definition there. */
  targets: Array<string | undefined>;
  /** Per column: true when the target's value differs from the source's. */
  differs: boolean[];
}

function show(value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The fields of a row's source definition and of each target's, with the
 * values that differ from the source marked. Only targets where the object
 * differs carry a definition.
 *
 * @internal
 */
export function definitionFields(row: MatrixRow): DefinitionField[] {
  const source = row.cells.find(c => c?.source)?.source;
  const names = new Set<string>(Object.keys(source ?? {}));
  for (const cell of row.cells) {
    Object.keys(cell?.target ?? {}).forEach(k => names.add(k));
  }
  return Array.from(names).map(field => {
    const sourceValue = show(source?.[field]);
    const targets = row.cells.map(cell =>
      cell?.target ? show(cell.target[field]) : undefined,
    );
    return {
      field,
      source: sourceValue,
      targets,
      differs: row.cells.map(
        (cell, i) =>
          Boolean(cell && cell.change !== 'removed') &&
          targets[i] !== sourceValue,
      ),
    };
  });
}
