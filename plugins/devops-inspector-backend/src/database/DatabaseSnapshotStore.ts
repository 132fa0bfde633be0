import { NotFoundError } from '@backstage/errors';
import { DatabaseService } from '@backstage/backend-plugin-api';
import { PageQuery } from '@opshub/opshub-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso,
} from '@opshub/opshub-node';
import {
  CompareSummary,
  DriftRecord,
  SchemaSnapshotSummary,
} from '@opshub/plugin-devops-inspector-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import {
  NewDriftCheck,
  NewSnapshot,
  SnapshotFilter,
  SnapshotStore,
  StoredSnapshot,
} from './SnapshotStore';

type SnapshotRow = {
  id: string;
  environment: string;
  label: string | null;
  taken_at: DbTimestamp;
  taken_by: string;
  object_count: number | string;
  size_bytes: number | string;
  content: Buffer;
};

type DriftRow = {
  id: string;
  environment: string;
  snapshot_id: string;
  previous_snapshot_id: string;
  checked_at: DbTimestamp;
  summary: string;
  breaking: boolean | number;
};

const SUMMARY_COLUMNS = [
  'id',
  'environment',
  'label',
  'taken_at',
  'taken_by',
  'object_count',
  'size_bytes',
] as const;

function toSummary(row: Omit<SnapshotRow, 'content'>): SchemaSnapshotSummary {
  return {
    id: row.id,
    environment: row.environment,
    label: row.label,
    takenAt: timestampToIso(row.taken_at),
    takenBy: row.taken_by,
    objectCount: Number(row.object_count),
    sizeBytes: Number(row.size_bytes),
  };
}

function toDrift(row: DriftRow): DriftRecord {
  return {
    id: row.id,
    environment: row.environment,
    snapshotId: row.snapshot_id,
    previousSnapshotId: row.previous_snapshot_id,
    checkedAt: timestampToIso(row.checked_at),
    summary: JSON.parse(row.summary) as CompareSummary,
    breaking: Boolean(row.breaking),
  };
}

/**
 * Knex implementation of {@link SnapshotStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseSnapshotStore implements SnapshotStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseSnapshotStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-devops-inspector-backend',
    });
    return new DatabaseSnapshotStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async insertSnapshot(snapshot: NewSnapshot): Promise<SchemaSnapshotSummary> {
    return this.insert(this.db, snapshot);
  }

  async insertSnapshotWithDrift(snapshot: NewSnapshot, drift: NewDriftCheck) {
    return this.db.transaction(async tx => {
      const summary = await this.insert(tx, snapshot);
      // after the insert, so a refusal also rolls the snapshot back;
      // checked here, not only by the foreign key: SQLite connections may
      // run without foreign key enforcement
      const previous = await tx<SnapshotRow>('schema_snapshots')
        .select('id')
        .where({ id: drift.previousSnapshotId })
        .first();
      if (!previous) {
        throw new NotFoundError(
          `previous snapshot ${drift.previousSnapshotId} not found`,
        );
      }
      const row: DriftRow = {
        id: randomUUID(),
        environment: snapshot.environment,
        snapshot_id: summary.id,
        previous_snapshot_id: drift.previousSnapshotId,
        checked_at: drift.checkedAt,
        summary: JSON.stringify(drift.summary),
        breaking: drift.breaking,
      };
      await tx<DriftRow>('drift_checks').insert(row);
      return { snapshot: summary, drift: toDrift(row) };
    });
  }

  async getSnapshot(id: string): Promise<StoredSnapshot | undefined> {
    const row = await this.db<SnapshotRow>('schema_snapshots')
      .where({ id })
      .first();
    return row ? { summary: toSummary(row), content: row.content } : undefined;
  }

  async getSnapshotSummary(
    id: string,
  ): Promise<SchemaSnapshotSummary | undefined> {
    const row = await this.db<SnapshotRow>('schema_snapshots')
      .select(...SUMMARY_COLUMNS)
      .where({ id })
      .first();
    return row ? toSummary(row) : undefined;
  }

  async latestSnapshot(
    environment: string,
  ): Promise<StoredSnapshot | undefined> {
    const row = await this.db<SnapshotRow>('schema_snapshots')
      .where({ environment })
      .orderBy([
        { column: 'taken_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .first();
    return row ? { summary: toSummary(row), content: row.content } : undefined;
  }

  async listSnapshots(filter: SnapshotFilter, page: PageQuery) {
    const rows = () =>
      this.db<SnapshotRow>('schema_snapshots').whereIn('environment', [
        ...filter.environments,
      ]);
    const [items, [{ count }]] = await Promise.all([
      rows()
        .select(...SUMMARY_COLUMNS)
        .orderBy([
          { column: 'taken_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      rows().count({ count: '*' }),
    ]);
    return { items: items.map(toSummary), total: Number(count) };
  }

  async listDrift(filter: SnapshotFilter, page: PageQuery) {
    const rows = () =>
      this.db<DriftRow>('drift_checks').whereIn('environment', [
        ...filter.environments,
      ]);
    const [items, [{ count }]] = await Promise.all([
      rows()
        .select('*')
        .orderBy([
          { column: 'checked_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      rows().count({ count: '*' }),
    ]);
    return { items: items.map(toDrift), total: Number(count) };
  }

  async pruneSnapshots(before: Date): Promise<number> {
    return this.db.transaction(async tx => {
      const rows: { id: string }[] = await tx<SnapshotRow>('schema_snapshots')
        .select('id')
        .where('taken_at', '<', before)
        .where(q =>
          q.whereNull('label').orWhere('taken_by', 'like', 'plugin:%'),
        )
        // not the newest of its environment
        .whereExists(
          tx('schema_snapshots as newer')
            .select('newer.id')
            .where('newer.environment', tx.ref('schema_snapshots.environment'))
            .where('newer.taken_at', '>', tx.ref('schema_snapshots.taken_at')),
        )
        // not the baseline of a drift check inside the retention window
        .whereNotIn(
          'id',
          tx<DriftRow>('drift_checks')
            .select('previous_snapshot_id')
            .where('checked_at', '>=', before),
        );
      const ids = rows.map(r => r.id);
      // in chunks: SQLite allows 999 bound parameters per statement
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        // explicitly, not only by the foreign keys' cascade: SQLite
        // connections may run without foreign key enforcement
        await tx<DriftRow>('drift_checks')
          .whereIn('snapshot_id', chunk)
          .orWhereIn('previous_snapshot_id', chunk)
          .delete();
        await tx<SnapshotRow>('schema_snapshots').whereIn('id', chunk).delete();
      }
      return ids.length;
    });
  }

  private async insert(
    db: Knex,
    snapshot: NewSnapshot,
  ): Promise<SchemaSnapshotSummary> {
    const row: SnapshotRow = {
      id: randomUUID(),
      environment: snapshot.environment,
      label: snapshot.label,
      taken_at: snapshot.takenAt,
      taken_by: snapshot.takenBy,
      object_count: snapshot.objectCount,
      size_bytes: snapshot.content.length,
      content: snapshot.content,
    };
    await db<SnapshotRow>('schema_snapshots').insert(row);
    return toSummary(row);
  }
}
