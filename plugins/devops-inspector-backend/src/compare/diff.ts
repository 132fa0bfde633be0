import {
  SCHEMA_OBJECT_TYPES,
  SchemaChange,
} from '@opshub/plugin-devops-inspector-common';
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

const TYPE_ORDER = new Map(SCHEMA_OBJECT_TYPES.map((t, i) => [t, i]));

/** Code-point order, the same on every machine (no locale). */
function byCodePoint(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

function compareObjects(a: CatalogObject, b: CatalogObject): number {
  return (
    (TYPE_ORDER.get(a.objectType) ?? 0) - (TYPE_ORDER.get(b.objectType) ?? 0) ||
    byCodePoint(a.schema, b.schema) ||
    byCodePoint(a.table ?? '', b.table ?? '') ||
    byCodePoint(a.name, b.name)
  );
}

/**
 * The differences between two snapshots, as the target relative to the
 * source: one pass over each side with a Map, then a sort of the (usually
 * few) differences for a stable order.
 *
 * @internal
 */
export function diffSnapshots(
  source: CatalogSnapshot,
  target: CatalogSnapshot,
): RawDifference[] {
  const targets = new Map<string, CatalogObject>();
  for (const object of target.objects) {
    targets.set(objectKey(object), object);
  }
  const differences: RawDifference[] = [];
  const seen = new Set<string>();
  for (const object of source.objects) {
    const key = objectKey(object);
    seen.add(key);
    const other = targets.get(key);
    if (!other) {
      differences.push({ change: 'removed', source: object });
    } else if (stableStringify(object.def) !== stableStringify(other.def)) {
      differences.push({ change: 'modified', source: object, target: other });
    }
  }
  for (const [key, object] of targets) {
    if (!seen.has(key)) {
      differences.push({ change: 'added', target: object });
    }
  }
  return differences.sort((a, b) =>
    compareObjects((a.source ?? a.target)!, (b.source ?? b.target)!),
  );
}
