/**
 * The OpsHub schema comparison engine and the `opshub-inspector` CLI:
 * reads two PostgreSQL catalogs read-only, reports every difference with
 * its hazards, and writes the SQL that turns the source into the target.
 * Needs only `pg`; usable without Backstage.
 *
 * @packageDocumentation
 */

export { compareUrls } from './compareUrls';
export { compareSnapshots } from './compareSnapshots';
export { queryCatalog, readCatalog } from './catalog';
export type {
  CatalogKind,
  CatalogObject,
  CatalogRow,
  CatalogSnapshot,
} from './catalog';
export { SchemaCompareDatabaseError, withReadOnlyDatabase } from './readOnly';
export type { ReadOnlyQueryable } from './readOnly';
export { redact, redactUrl, secretsOf } from '@opshub/opshub-common';
export { HAZARD_CLASSES, severityOf } from './hazards';
export type { HazardClass, HazardCode } from './hazards';
export {
  parseSnapshotFile,
  SNAPSHOT_FILE_FORMAT,
  SNAPSHOT_FILE_VERSION,
  SnapshotFileError,
  stringifySnapshotFile,
  toSnapshotFile,
} from './snapshotFile';
export type { SchemaSnapshotFile } from './snapshotFile';
export { runCli } from './cli/run';
export type { CliIo } from './cli/run';
export { DIFFERENCE_SEVERITIES, SCHEMA_OBJECT_TYPES } from './types';
export type {
  CompareResult,
  CompareSummary,
  DifferenceSeverity,
  Hazard,
  SchemaChange,
  SchemaDifference,
  SchemaObjectType,
} from './types';
