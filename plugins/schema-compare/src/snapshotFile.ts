import { CatalogObject, CatalogSnapshot } from './catalog';
import { compareObjects } from './diff';
import { SCHEMA_OBJECT_TYPES, SchemaObjectType } from './types';

/**
 * The `format` of a {@link SchemaSnapshotFile}.
 *
 * @public
 */
export const SNAPSHOT_FILE_FORMAT = 'opshub-schema-snapshot';

/**
 * The `version` of the {@link SchemaSnapshotFile}s this package writes and reads.
 *
 * @public
 */
export const SNAPSHOT_FILE_VERSION = 1;

/**
 * A schema snapshot as a file (`opshub-inspector snapshot`, and any download
 * of a stored snapshot): the catalog of one database at one time. Compare
 * takes it wherever it takes a database.
 *
 * @public
 */
export interface SchemaSnapshotFile {
  /** Always {@link SNAPSHOT_FILE_FORMAT}. */
  format: 'opshub-schema-snapshot';
  /** Always {@link SNAPSHOT_FILE_VERSION}; another version is refused. */
  version: 1;
  /** ISO 8601. */
  takenAt: string;
  /** The environment name, or the database URL without credentials. */
  source: string;
  /** The catalog, as `readCatalog` returns it. */
  snapshot: CatalogSnapshot;
}

/**
 * Wraps a snapshot read with `readCatalog` as a {@link SchemaSnapshotFile},
 * its objects in a stable order (type, schema, table, name), so that two
 * files of the same schema are the same but for `takenAt`. `source` must not
 * hold credentials (use `redactUrl` on a URL).
 *
 * @public
 */
export function toSnapshotFile(
  snapshot: CatalogSnapshot,
  source: string,
  takenAt: Date = new Date(),
): SchemaSnapshotFile {
  return {
    format: SNAPSHOT_FILE_FORMAT,
    version: SNAPSHOT_FILE_VERSION,
    takenAt: takenAt.toISOString(),
    source,
    snapshot: { objects: [...snapshot.objects].sort(compareObjects) },
  };
}

/**
 * A {@link SchemaSnapshotFile} as JSON text with one catalog object per
 * line, so that a baseline committed to git diffs object by object.
 *
 * @public
 */
export function stringifySnapshotFile(file: SchemaSnapshotFile): string {
  const { snapshot, ...header } = file;
  const head = JSON.stringify(header).slice(0, -1);
  const objects = snapshot.objects.map(o => JSON.stringify(o)).join(',\n');
  return `${head},"snapshot":{"objects":[\n${objects}\n]}}\n`;
}

/**
 * The error of {@link parseSnapshotFile}: the value is not a snapshot file
 * this version can read. The message says where and why.
 *
 * @public
 */
export class SnapshotFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFileError';
  }
}

const OBJECT_TYPES = new Set<string>(SCHEMA_OBJECT_TYPES);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A value as an error message shows it: short, never a whole object. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return String(value);
}

function checkObject(value: unknown, index: number): CatalogObject {
  const where = `snapshot.objects[${index}]`;
  if (!isRecord(value)) {
    throw new SnapshotFileError(
      `${where} must be an object, not ${describe(value)}`,
    );
  }
  const { objectType, schema, table, name, def, meta } = value;
  if (typeof objectType !== 'string' || !OBJECT_TYPES.has(objectType)) {
    throw new SnapshotFileError(
      `${where}.objectType must be one of ${SCHEMA_OBJECT_TYPES.join(
        ', ',
      )}, not ${describe(objectType)}`,
    );
  }
  for (const [field, text] of [
    ['schema', schema],
    ['name', name],
  ] as const) {
    if (typeof text !== 'string' || text === '') {
      throw new SnapshotFileError(
        `${where}.${field} must be a non-empty string, not ${describe(text)}`,
      );
    }
  }
  if (table !== undefined && (typeof table !== 'string' || table === '')) {
    throw new SnapshotFileError(
      `${where}.table must be a non-empty string when present, not ${describe(
        table,
      )}`,
    );
  }
  if (!isRecord(def)) {
    throw new SnapshotFileError(
      `${where}.def must be an object, not ${describe(def)}`,
    );
  }
  if (meta !== undefined && !isRecord(meta)) {
    throw new SnapshotFileError(
      `${where}.meta must be an object when present, not ${describe(meta)}`,
    );
  }
  return {
    objectType: objectType as SchemaObjectType,
    schema: schema as string,
    ...(table !== undefined ? { table: table as string } : {}),
    name: name as string,
    def,
    ...(meta !== undefined ? { meta } : {}),
  };
}

/**
 * Checks that a parsed JSON value is a {@link SchemaSnapshotFile} of this
 * format and version, down to each catalog object's shape, and returns it.
 * Throws a {@link SnapshotFileError} naming the first field that is wrong.
 *
 * @public
 */
export function parseSnapshotFile(json: unknown): SchemaSnapshotFile {
  if (!isRecord(json)) {
    throw new SnapshotFileError(
      `A schema snapshot file must be a JSON object, not ${describe(json)}`,
    );
  }
  if (json.format !== SNAPSHOT_FILE_FORMAT) {
    throw new SnapshotFileError(
      `Not a schema snapshot file: format is ${describe(
        json.format,
      )}, expected "${SNAPSHOT_FILE_FORMAT}"`,
    );
  }
  if (json.version !== SNAPSHOT_FILE_VERSION) {
    throw new SnapshotFileError(
      `Unsupported schema snapshot version ${describe(
        json.version,
      )}: this version reads version ${SNAPSHOT_FILE_VERSION}`,
    );
  }
  const { takenAt, source, snapshot } = json;
  if (typeof takenAt !== 'string' || Number.isNaN(Date.parse(takenAt))) {
    throw new SnapshotFileError(
      `takenAt must be an ISO 8601 date, not ${describe(takenAt)}`,
    );
  }
  if (typeof source !== 'string') {
    throw new SnapshotFileError(
      `source must be a string, not ${describe(source)}`,
    );
  }
  if (!isRecord(snapshot) || !Array.isArray(snapshot.objects)) {
    throw new SnapshotFileError(
      'snapshot must be an object with an objects array',
    );
  }
  return {
    format: SNAPSHOT_FILE_FORMAT,
    version: SNAPSHOT_FILE_VERSION,
    takenAt,
    source,
    snapshot: { objects: snapshot.objects.map(checkObject) },
  };
}
