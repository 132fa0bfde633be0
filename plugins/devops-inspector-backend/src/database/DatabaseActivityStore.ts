import { DatabaseService } from '@backstage/backend-plugin-api';
import { ActivityEntry } from '@opshub/plugin-devops-inspector-common';
import { PageQuery } from '@opshub/opshub-common';
import { migrateAndConnect, timestampToIso } from '@opshub/opshub-node';
import { Knex } from 'knex';
import {
  ActivityFilter,
  ActivityStore,
  NewActivityEntry,
} from './ActivityStore';

type ActivityRow = {
  id: number;
  actor: string;
  action: string;
  environment: string | null;
  details: string | null;
  created_at: Date | string;
};

function parseDetails(details: string | null): Record<string, unknown> | null {
  if (details === null) {
    return null;
  }
  try {
    const value: unknown = JSON.parse(details);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function toEntry(row: ActivityRow): ActivityEntry {
  return {
    id: Number(row.id),
    actor: row.actor,
    action: row.action,
    environment: row.environment,
    details: parseDetails(row.details),
    createdAt: timestampToIso(row.created_at),
  };
}

const NEWEST_FIRST = [
  { column: 'created_at', order: 'desc' as const },
  { column: 'id', order: 'desc' as const },
];

/**
 * Knex implementation of {@link ActivityStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseActivityStore implements ActivityStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseActivityStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-devops-inspector-backend',
    });
    return new DatabaseActivityStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async record(entry: NewActivityEntry): Promise<void> {
    await this.db<ActivityRow>('inspector_activity').insert({
      actor: entry.actor,
      action: entry.action,
      environment: entry.environment ?? null,
      details:
        entry.details === undefined ? null : JSON.stringify(entry.details),
      created_at: new Date(),
    });
  }

  async list(page: PageQuery, filter: ActivityFilter = {}) {
    const entries = () => this.filtered(filter);
    const [rows, [{ count }]] = await Promise.all([
      entries()
        .select('*')
        .orderBy(NEWEST_FIRST)
        .limit(page.limit)
        .offset(page.offset),
      entries().count({ count: '*' }),
    ]);
    return { items: rows.map(toEntry), totalCount: Number(count) };
  }

  async listBetween(
    range: { from: Date; to: Date },
    limit: number,
    filter: ActivityFilter = {},
  ): Promise<ActivityEntry[]> {
    const rows = await this.filtered(filter)
      .where('created_at', '>=', range.from)
      .andWhere('created_at', '<', range.to)
      .select('*')
      .orderBy(NEWEST_FIRST)
      .limit(limit);
    return rows.map(toEntry);
  }

  async prune(before: Date): Promise<number> {
    return this.db('inspector_activity')
      .where('created_at', '<', before)
      .delete();
  }

  private filtered(filter: ActivityFilter) {
    const { environments } = filter;
    const query = this.db<ActivityRow>('inspector_activity');
    if (environments) {
      query.where(inner =>
        inner
          .whereIn('environment', [...environments])
          .orWhereNull('environment'),
      );
    }
    return query;
  }
}
