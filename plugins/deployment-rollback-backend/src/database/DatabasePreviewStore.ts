import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Preview,
  PreviewState,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import { migrateAndConnect, timestampToIso } from '@opshub/opshub-node';
import { Knex } from 'knex';
import {
  PreviewFilter,
  PreviewOutcome,
  PreviewStore,
  PreviewWork,
} from './PreviewStore';

interface PreviewRow {
  id: number;
  service: string;
  repository: string;
  pull_request: number;
  title: string | null;
  branch: string;
  commit_sha: string;
  author: string | null;
  state: PreviewState;
  url: string | null;
  executor: string | null;
  external_id: string | null;
  error: string | null;
  generation: number;
  claimed_at: Date | string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

function toPreview(row: PreviewRow): Preview {
  return {
    id: Number(row.id),
    service: row.service,
    repository: row.repository,
    pullRequest: Number(row.pull_request),
    title: row.title,
    branch: row.branch,
    commitSha: row.commit_sha,
    author: row.author,
    state: row.state,
    url: row.url,
    executor: row.executor,
    error: row.error,
    createdAt: timestampToIso(row.created_at),
    updatedAt: timestampToIso(row.updated_at),
  };
}

/**
 * Knex implementation of {@link PreviewStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabasePreviewStore implements PreviewStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabasePreviewStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-deployment-rollback-backend',
    });
    return new DatabasePreviewStore(db);
  }

  private constructor(private readonly db: Knex) {}

  private filtered(filter: PreviewFilter) {
    const query = this.db<PreviewRow>('previews');
    if (filter.service !== undefined) {
      query.where('service', filter.service);
    }
    if (filter.pullRequest !== undefined) {
      query.where('pull_request', filter.pullRequest);
    }
    if (filter.state !== undefined) {
      query.where('state', filter.state);
    }
    return query;
  }

  async listPreviews(filter: PreviewFilter, page: PageQuery) {
    const [rows, [{ count }]] = await Promise.all([
      this.filtered(filter)
        .select('*')
        .orderBy([
          { column: 'updated_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      this.filtered(filter).count({ count: '*' }),
    ]);
    return {
      items: (rows as PreviewRow[]).map(toPreview),
      totalCount: Number(count),
    };
  }

  async claimWork(options: {
    limit: number;
    staleBefore: Date;
    retryBefore: Date;
  }): Promise<PreviewWork[]> {
    const free = (query: Knex.QueryBuilder) =>
      query
        .whereNull('claimed_at')
        .orWhere('claimed_at', '<', options.staleBefore);
    const candidates = (await this.db<PreviewRow>('previews')
      .where(query =>
        query
          .where(q => q.whereIn('state', ['pending', 'closing']).where(free))
          .orWhere(q =>
            q
              .where('state', 'teardown_failed')
              .where('updated_at', '<', options.retryBefore)
              .where(free),
          ),
      )
      .orderBy('updated_at')
      .limit(options.limit)
      .select('*')) as PreviewRow[];
    const claimed: PreviewWork[] = [];
    const now = new Date();
    for (const row of candidates) {
      // one instance wins each row: the update names the generation and
      // the claim it saw
      const won = await this.db('previews')
        .where({ id: row.id, generation: row.generation, state: row.state })
        .where(free)
        .update({ claimed_at: now });
      if (won === 1) {
        claimed.push({
          preview: toPreview(row),
          action: row.state === 'pending' ? 'deploy' : 'teardown',
          generation: Number(row.generation),
          externalId: row.external_id,
        });
      }
    }
    return claimed;
  }

  async completeWork(
    id: number,
    generation: number,
    outcome: PreviewOutcome,
  ): Promise<Preview | undefined> {
    const patch: Record<string, unknown> = {
      state: outcome.state,
      executor: outcome.executor,
      error: outcome.error ? outcome.error.slice(0, 2000) : null,
      claimed_at: null,
      updated_at: new Date(),
    };
    if (outcome.url !== undefined) {
      patch.url = outcome.url;
    }
    if (outcome.externalId !== undefined) {
      patch.external_id = outcome.externalId;
    }
    const written = await this.db('previews')
      .where({ id, generation })
      .update(patch);
    if (written !== 1) {
      return undefined;
    }
    const row = await this.db<PreviewRow>('previews').where({ id }).first();
    return row ? toPreview(row as PreviewRow) : undefined;
  }
}
