import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { PageQuery } from '@opshub/opshub-common';
import {
  SchemaSnapshotPage,
  SchemaSnapshotSummary,
} from '@opshub/plugin-devops-inspector-common';
import {
  CatalogSnapshot,
  readCatalog,
  stringifySnapshotFile,
  toSnapshotFile,
} from '@opshub/schema-compare';
import { promisify } from 'util';
import { gunzip, gzip } from 'zlib';
import { ActivityStore } from '../database/ActivityStore';
import { EnvironmentDatabases } from '../database/EnvironmentDatabases';
import { SnapshotStore } from '../database/SnapshotStore';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * JSON, gzip-compressed: how snapshots and job results are stored.
 *
 * @internal
 */
export async function compressJson(value: unknown): Promise<Buffer> {
  return gzipAsync(Buffer.from(JSON.stringify(value), 'utf8'));
}

/**
 * The value {@link compressJson} stored.
 *
 * @internal
 */
export async function decompressJson<T>(content: Buffer): Promise<T> {
  return JSON.parse((await gunzipAsync(content)).toString('utf8')) as T;
}

/**
 * How a stored snapshot is named in compare results:
 * `<environment>@<takenAt to the second>Z`, followed by ` (<label>)` when
 * it has one, e.g. `prod@2026-12-01T10:00:05Z (release 4.2)`.
 *
 * @internal
 */
export function snapshotLabel(summary: SchemaSnapshotSummary): string {
  const at = `${summary.takenAt.slice(0, 19)}Z`;
  return `${summary.environment}@${at}${
    summary.label ? ` (${summary.label})` : ''
  }`;
}

/**
 * A stored snapshot, decompressed.
 *
 * @internal
 */
export interface LoadedSnapshot {
  summary: SchemaSnapshotSummary;
  catalog: CatalogSnapshot;
}

/**
 * What the compare needs of the snapshots.
 *
 * @internal
 */
export interface SnapshotReader {
  /** The snapshot's summary; `NotFoundError` when there is none. */
  summary(id: string): Promise<SchemaSnapshotSummary>;
  /** The snapshot with its catalog; `NotFoundError` when there is none. */
  load(id: string): Promise<LoadedSnapshot>;
}

/**
 * Takes, stores and lists schema snapshots of the environments.
 *
 * @internal
 */
export class SnapshotService implements SnapshotReader {
  private readonly databases: EnvironmentDatabases;
  private readonly store: SnapshotStore;
  private readonly activity?: ActivityStore;
  private readonly logger?: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    databases: EnvironmentDatabases;
    store: SnapshotStore;
    activity?: ActivityStore;
    logger?: LoggerService;
    now?: () => Date;
  }) {
    this.databases = options.databases;
    this.store = options.store;
    this.activity = options.activity;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Reads the environment's schema (one read-only transaction) and stores
   * it compressed; recorded in the activity log (`snapshot.create`).
   */
  async take(
    environment: string,
    options: { label?: string; actor: string },
  ): Promise<SchemaSnapshotSummary> {
    const catalog = await this.databases.read(environment, readCatalog);
    const summary = await this.store.insertSnapshot({
      environment,
      label: options.label ?? null,
      takenAt: this.now(),
      takenBy: options.actor,
      objectCount: catalog.objects.length,
      content: await compressJson(catalog),
    });
    this.logger?.info(
      `Stored schema snapshot ${summary.id} of environment ${environment} (${summary.objectCount} objects, ${summary.sizeBytes} bytes)`,
    );
    await this.activity?.record({
      actor: options.actor,
      action: 'snapshot.create',
      environment,
      details: {
        snapshotId: summary.id,
        label: summary.label,
        objectCount: summary.objectCount,
        sizeBytes: summary.sizeBytes,
      },
    });
    return summary;
  }

  async summary(id: string): Promise<SchemaSnapshotSummary> {
    const summary = await this.store.getSnapshotSummary(id);
    if (!summary) {
      throw new NotFoundError(`No schema snapshot with id ${id}`);
    }
    return summary;
  }

  async load(id: string): Promise<LoadedSnapshot> {
    const stored = await this.store.getSnapshot(id);
    if (!stored) {
      throw new NotFoundError(`No schema snapshot with id ${id}`);
    }
    return {
      summary: stored.summary,
      catalog: await decompressJson<CatalogSnapshot>(stored.content),
    };
  }

  /**
   * The stored snapshot as a snapshot file, the format of
   * `opshub-inspector snapshot` (one catalog object per line), which the CLI
   * and `@opshub/schema-compare` take wherever they take a database.
   * `NotFoundError` when there is none.
   */
  async file(id: string): Promise<{
    summary: SchemaSnapshotSummary;
    filename: string;
    body: string;
  }> {
    const { summary, catalog } = await this.load(id);
    const file = toSnapshotFile(
      catalog,
      snapshotLabel(summary),
      new Date(summary.takenAt),
    );
    const environment = summary.environment.replace(/[^A-Za-z0-9._-]/g, '_');
    const at = summary.takenAt.slice(0, 19).replace(/[-:]/g, '');
    return {
      summary,
      filename: `schema-snapshot-${environment}-${at}Z.json`,
      body: stringifySnapshotFile(file),
    };
  }

  /** Newest first, of the given environments only. */
  async list(
    environments: readonly string[],
    page: PageQuery,
  ): Promise<SchemaSnapshotPage> {
    const { items, total } = await this.store.listSnapshots(
      { environments },
      page,
    );
    return { items, total, limit: page.limit, offset: page.offset };
  }
}
