import {
  ActivityPage,
  ConfigStatus,
  EnvironmentInfo,
  SortOrder,
  StatusSummary,
  TableCount,
  TableDetail,
  TableSortKey,
  DEVOPS_INSPECTOR_PLUGIN_ID,
  EnvironmentList,
  TablePage,
} from '@opshub/plugin-devops-inspector-common';
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
  DownloadedFile,
  OpshubClientBase,
  OpshubClientOptions,
} from '@opshub/opshub-react';
import { ActivityExportFile, DevopsInspectorApi } from './DevopsInspectorApi';

function tablePath(environment: string, schema: string, table: string) {
  const e = encodeURIComponent;
  return `/environments/${e(environment)}/tables/${e(schema)}/${e(table)}`;
}

/** @public */
export class DevopsInspectorClient
  extends OpshubClientBase
  implements DevopsInspectorApi
{
  constructor(options: OpshubClientOptions) {
    super(DEVOPS_INSPECTOR_PLUGIN_ID, options);
  }

  listEnvironments(options: { name?: string } = {}): Promise<EnvironmentList> {
    return this.request('/environments', { query: options });
  }

  listTables(
    environment: string,
    options: {
      filter?: string;
      limit?: number;
      offset?: number;
      sort?: TableSortKey;
      order?: SortOrder;
    },
  ): Promise<TablePage> {
    return this.request(
      `/environments/${encodeURIComponent(environment)}/tables`,
      { query: options },
    );
  }

  getTableDetail(
    environment: string,
    schema: string,
    table: string,
  ): Promise<TableDetail> {
    return this.request(tablePath(environment, schema, table));
  }

  countTableRows(
    environment: string,
    schema: string,
    table: string,
  ): Promise<TableCount> {
    return this.request(`${tablePath(environment, schema, table)}/count`);
  }

  getStatus(): Promise<StatusSummary> {
    return this.request('/status');
  }

  getEnvironmentInfo(): Promise<EnvironmentInfo> {
    return this.request('/environment');
  }

  getConfigStatus(): Promise<ConfigStatus> {
    return this.request('/config');
  }

  compareSchemas(
    source: string,
    targets: string[],
  ): Promise<MultiCompareResult> {
    return this.request('/compare', {
      method: 'POST',
      body: { source, targets },
    });
  }

  startCompareJob(source: string, targets: string[]): Promise<CompareJob> {
    return this.request('/compare/jobs', {
      method: 'POST',
      body: { source, targets },
    });
  }

  getCompareJob(id: string): Promise<CompareJob> {
    return this.request(`/compare/jobs/${encodeURIComponent(id)}`);
  }

  cancelCompareJob(id: string): Promise<CompareJob> {
    return this.request(`/compare/jobs/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  listSnapshots(
    environment: string,
    options: { limit?: number; offset?: number } = {},
  ): Promise<SchemaSnapshotPage> {
    return this.request('/snapshots', { query: { environment, ...options } });
  }

  createSnapshot(
    environment: string,
    label?: string,
  ): Promise<SchemaSnapshotSummary> {
    return this.request('/snapshots', {
      method: 'POST',
      body: label ? { environment, label } : { environment },
    });
  }

  async downloadSnapshot(id: string): Promise<DownloadedFile> {
    const { blob, filename } = await this.requestFile(
      `/snapshots/${encodeURIComponent(id)}/file`,
      { fallbackName: `schema-snapshot-${id}.json` },
    );
    return { blob, filename };
  }

  checkRowCounts(
    source: string,
    target: string,
    tables?: string[],
  ): Promise<DataCheckResult> {
    return this.request('/data-check', {
      method: 'POST',
      body: tables ? { source, target, tables } : { source, target },
    });
  }

  listActivity(options: {
    limit?: number;
    offset?: number;
  }): Promise<ActivityPage> {
    return this.request('/activity', { query: options });
  }

  getProcessMetrics(): Promise<BackendProcessMetrics> {
    return this.request('/process');
  }

  getQuickActionPermissions(): Promise<QuickActionPermissions> {
    return this.request('/actions');
  }

  clearCache(): Promise<ClearCacheResult> {
    return this.request('/actions/clear-cache', { method: 'POST' });
  }

  async exportActivity(options: {
    format: ActivityExportFormat;
    from: Date;
    to: Date;
  }): Promise<ActivityExportFile> {
    const { format } = options;
    const from = options.from.toISOString();
    const to = options.to.toISOString();
    const stamp = (iso: string) =>
      iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
    const { blob, filename, headers } = await this.requestFile(
      '/activity/export',
      {
        query: { format, from, to },
        fallbackName: `devops-inspector-activity-${stamp(from)}-${stamp(
          to,
        )}.${format}`,
      },
    );
    const truncated = headers.get('X-Activity-Export-Truncated');
    return {
      blob,
      filename,
      truncated: truncated === null ? null : truncated === 'true',
    };
  }
}
