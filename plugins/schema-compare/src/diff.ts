import { SCHEMA_OBJECT_TYPES, SchemaChange } from './types';
import { CatalogObject, CatalogSnapshot } from './catalog';

/**
 * One object that differs, with the catalog objects on each side.
 *
 * @internal
 */
export interface RawDifference {
  change: SchemaChange;
  source?: CatalogObject;
  target?: CatalogObject;
}

/** Identity of an object: same key on both sides means "the same object". */
export function objectKey(object: CatalogObject): string {
  return `${object.objectType}\u0000${object.schema}\u0000${
    object.table ?? ''
  }\u0000${object.name}`;
}

/** JSON with sorted keys, so that equal definitions give equal strings. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(stableStringify).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map(key => `${JSON.stringify(key)}:${stableStringify(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** What {@link stableStringify} writes for a value that is not an object. */
function scalarJson(value: unknown): string | undefined {
  return JSON.stringify(value ?? null);
}

/**
 * True when `stableStringify(a) === stableStringify(b)`, without building
 * either string: the diff compares every object of both snapshots, and
 * almost all of them are equal.
 *
 * @internal
 */
export function sameDefinition(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  const aObject = a !== null && typeof a === 'object';
  const bObject = b !== null && typeof b === 'object';
  if (!aObject || !bObject) {
    return !aObject && !bObject && scalarJson(a) === scalarJson(b);
  }
  const aArray = Array.isArray(a);
  if (aArray !== Array.isArray(b)) {
    return false;
  }
  if (aArray) {
    const left = a as unknown[];
    const right = b as unknown[];
    if (left.length !== right.length) {
      return false;
    }
    for (let i = 0; i < left.length; i++) {
      if (!sameDefinition(left[i], right[i])) {
        return false;
      }
    }
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) {
    return false;
  }
  for (const key of keys) {
    if (
      !Object.prototype.hasOwnProperty.call(right, key) ||
      !sameDefinition(left[key], right[key])
    ) {
      return false;
    }
  }
  return true;
}

const TYPE_ORDER = new Map(SCHEMA_OBJECT_TYPES.map((t, i) => [t, i]));

/** Code-point order, the same on every machine (no locale). */
function byCodePoint(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/**
 * The order of objects in results and snapshot files: by type (in
 * {@link SCHEMA_OBJECT_TYPES} order), schema, table and name, by code point.
 *
 * @internal
 */
export function compareObjects(a: CatalogObject, b: CatalogObject): number {
  return (
    (TYPE_ORDER.get(a.objectType) ?? 0) - (TYPE_ORDER.get(b.objectType) ?? 0) ||
    byCodePoint(a.schema, b.schema) ||
    byCodePoint(a.table ?? '', b.table ?? '') ||
    byCodePoint(a.name, b.name)
  );
}

/**
 * The objects of one snapshot by {@link objectKey}, as nested maps (type,
 * schema, table, name) rather than one map of joined keys: no key string to
 * build and hash per object, and consecutive objects of the same table share
 * the lookup of their table.
 */
class ObjectIndex {
  private readonly types = new Map<
    string,
    Map<string, Map<string, Map<string, CatalogObject>>>
  >();
  private last?: {
    objectType: string;
    schema: string;
    table: string;
    names: Map<string, CatalogObject>;
  };

  /** The objects of `object`'s type, schema and table, by name. */
  names(
    object: CatalogObject,
    create: boolean,
  ): Map<string, CatalogObject> | undefined {
    const table = object.table ?? '';
    const last = this.last;
    if (
      last &&
      last.table === table &&
      last.schema === object.schema &&
      last.objectType === object.objectType
    ) {
      return last.names;
    }
    let schemas = this.types.get(object.objectType);
    if (!schemas) {
      if (!create) return undefined;
      schemas = new Map();
      this.types.set(object.objectType, schemas);
    }
    let tables = schemas.get(object.schema);
    if (!tables) {
      if (!create) return undefined;
      tables = new Map();
      schemas.set(object.schema, tables);
    }
    let names = tables.get(table);
    if (!names) {
      if (!create) return undefined;
      names = new Map();
      tables.set(table, names);
    }
    this.last = {
      objectType: object.objectType,
      schema: object.schema,
      table,
      names,
    };
    return names;
  }

  /** Every object, the last one of each key. */
  *objects(): IterableIterator<CatalogObject> {
    for (const schemas of this.types.values()) {
      for (const tables of schemas.values()) {
        for (const names of tables.values()) {
          yield* names.values();
        }
      }
    }
  }
}

/**
 * The differences between two snapshots, as the target relative to the
 * source: one pass over each side with an index of the target, definitions
 * compared in place with {@link sameDefinition} (no string per object), then
 * a sort of the (usually few) differences for a stable order.
 *
 * @internal
 */
export function diffSnapshots(
  source: CatalogSnapshot,
  target: CatalogSnapshot,
): RawDifference[] {
  const targets = new ObjectIndex();
  let targetCount = 0;
  for (const object of target.objects) {
    const names = targets.names(object, true)!;
    const size = names.size;
    names.set(object.name, object);
    targetCount += names.size - size;
  }
  const differences: RawDifference[] = [];
  const matched = new Set<CatalogObject>();
  for (const object of source.objects) {
    const other = targets.names(object, false)?.get(object.name);
    if (!other) {
      differences.push({ change: 'removed', source: object });
    } else {
      matched.add(other);
      if (!sameDefinition(object.def, other.def)) {
        differences.push({ change: 'modified', source: object, target: other });
      }
    }
  }
  if (matched.size < targetCount) {
    for (const object of targets.objects()) {
      if (!matched.has(object)) {
        differences.push({ change: 'added', target: object });
      }
    }
  }
  return differences.sort((a, b) =>
    compareObjects((a.source ?? a.target)!, (b.source ?? b.target)!),
  );
}
