import { createApiRef } from '@backstage/core-plugin-api';
import type { DownloadedFile } from '@opshub/opshub-react';
import type {
  CompareJob,
  DataCheckResult,
  MultiCompareResult,
  SchemaSnapshotPage,
  SchemaSnapshotSummary,
  ActivityExportFormat,
  BackendProcessMetrics,
  ClearCacheResult,
  QuickActionPermissions,
} from '@opshub/plugin-devops-inspector-common';
import {
  ActivityPage,
  ConfigStatus,
  EnvironmentInfo,
  EnvironmentList,
  SortOrder,
  StatusSummary,
  TableCount,
  TableDetail,
  TablePage,
  TableSortKey,
} from '@opshub/plugin-devops-inspector-common';

/**
 * Client of the devops-inspector backend.
 *
 * @public
 */
export interface DevopsInspectorApi {
  /**
   * The environments the user may read with the live status of their
   * databases; `name` narrows the list (and the probes) to one.
   */
  listEnvironments(options?: { name?: string }): Promise<EnvironmentList>;
  /** One page of an environment's tables, optionally filtered by name. */
  listTables(
    environment: string,
    options: {
      filter?: string;
      limit?: number;
      offset?: number;
      sort?: TableSortKey;
      order?: SortOrder;
    },
  ): Promise<TablePage>;
  /** Columns, indexes, constraints, foreign keys and triggers of a table. */
  getTableDetail(
    environment: string,
    schema: string,
    table: string,
  ): Promise<TableDetail>;
  /** Exact row count, stopped by the environment's statement timeout. */
  countTableRows(
    environment: string,
    schema: string,
    table: string,
  ): Promise<TableCount>;
  /** The deployment's health summary (`GET /status`). */
  getStatus(): Promise<StatusSummary>;
  /** What is deployed: git, versions, uptime (`GET /environment`). */
  getEnvironmentInfo(): Promise<EnvironmentInfo>;
  /** The effective configuration, masked (`GET /config`). */
  getConfigStatus(): Promise<ConfigStatus>;
  /**
   * Compares the schema of `source` with each target (`POST /compare`); a
   * target that is down has an error entry.
   */
  compareSchemas(
    source: string,
    targets: string[],
  ): Promise<MultiCompareResult>;
  /**
   * Starts the same comparison in the background (`POST /compare/jobs`).
   * `source` and each target are environment names or `snapshot:<id>`
   * references. Follow it with {@link DevopsInspectorApi.getCompareJob} and
   * the signal channel `devops-inspector:compare-job:<id>`.
   */
  startCompareJob(source: string, targets: string[]): Promise<CompareJob>;
  /** A compare job of the user, with its result once it succeeded. */
  getCompareJob(id: string): Promise<CompareJob>;
  /**
   * Cancels a running compare job and its queries; answers 409 when the job
   * has already finished.
   */
  cancelCompareJob(id: string): Promise<CompareJob>;
  /** The stored schema snapshots of an environment, newest first. */
  listSnapshots(
    environment: string,
    options?: { limit?: number; offset?: number },
  ): Promise<SchemaSnapshotPage>;
  /** Stores a snapshot of an environment's schema (`POST /snapshots`). */
  createSnapshot(
    environment: string,
    label?: string,
  ): Promise<SchemaSnapshotSummary>;
  /**
   * A stored snapshot as a snapshot file (`GET /snapshots/:id/file`), the
   * format `opshub-inspector compare` takes wherever it takes a database.
   */
  downloadSnapshot(id: string): Promise<DownloadedFile>;
  /**
   * Exact row counts of the tables both environments have
   * (`POST /data-check`), optionally only `tables` (`table` or
   * `schema.table`). Answers 404 unless the data check is enabled.
   */
  checkRowCounts(
    source: string,
    target: string,
    tables?: string[],
  ): Promise<DataCheckResult>;
  /** The activity log, newest first. */
  listActivity(options: {
    limit?: number;
    offset?: number;
  }): Promise<ActivityPage>;
  /** Memory, event-loop delay and request counts of the backend process. */
  getProcessMetrics(): Promise<BackendProcessMetrics>;
  /** Which of the drawer's quick actions the user may run. */
  getQuickActionPermissions(): Promise<QuickActionPermissions>;
  /** Clears the backend's caches (`POST /actions/clear-cache`). */
  clearCache(): Promise<ClearCacheResult>;
  /**
   * Downloads the activity log of `[from, to)` (`GET /activity/export`),
   * newest first, capped at `ACTIVITY_EXPORT_MAX_ROWS` entries.
   */
  exportActivity(options: {
    format: ActivityExportFormat;
    from: Date;
    to: Date;
  }): Promise<ActivityExportFile>;
}

/**
 * An activity export downloaded by {@link DevopsInspectorApi.exportActivity}.
 *
 * @public
 */
export interface ActivityExportFile {
  /** The CSV or JSON file. */
  blob: Blob;
  /** From the `Content-Disposition` header, else built from the range. */
  filename: string;
  /**
   * True when the range held more entries than the export holds; `null`
   * when the browser may not read the backend's header.
   */
  truncated: boolean | null;
}

/** @public */
export const devopsInspectorApiRef = createApiRef<DevopsInspectorApi>({
  id: 'plugin.devops-inspector.service',
});
