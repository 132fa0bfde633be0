import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso,
} from '@opshub/opshub-node';
import {
  CompareJobProgress,
  CompareJobState,
} from '@opshub/plugin-devops-inspector-common';
import { Knex } from 'knex';
import {
  CompareJobOutcome,
  CompareJobStore,
  StoredCompareJob,
  StoredCompareRequest,
} from './CompareJobStore';

type CompareJobRow = {
  id: string;
  state: CompareJobState;
  created_by: string;
  request: string;
  progress: string;
  error: string | null;
  result: Buffer | null;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
  finished_at: DbTimestamp | null;
};

const toDate = (value: DbTimestamp) => new Date(timestampToIso(value));

function toJob(row: CompareJobRow): StoredCompareJob {
  return {
    id: row.id,
    state: row.state,
    createdBy: row.created_by,
    request: JSON.parse(row.request) as StoredCompareRequest,
    progress: JSON.parse(row.progress) as CompareJobProgress,
    error: row.error,
    result: row.result,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    finishedAt: row.finished_at === null ? null : toDate(row.finished_at),
  };
}

/**
 * Knex implementation of {@link CompareJobStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseCompareJobStore implements CompareJobStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseCompareJobStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-devops-inspector-backend',
    });
    return new DatabaseCompareJobStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async create(job: {
    id: string;
    createdBy: string;
    request: StoredCompareRequest;
    progress: CompareJobProgress;
    now: Date;
  }): Promise<void> {
    await this.db<CompareJobRow>('compare_jobs').insert({
      id: job.id,
      state: 'running',
      created_by: job.createdBy,
      request: JSON.stringify(job.request),
      progress: JSON.stringify(job.progress),
      error: null,
      result: null,
      created_at: job.now,
      updated_at: job.now,
      finished_at: null,
    });
  }

  async get(id: string): Promise<StoredCompareJob | undefined> {
    const row = await this.db<CompareJobRow>('compare_jobs')
      .where({ id })
      .first();
    return row ? toJob(row) : undefined;
  }

  async stateOf(id: string): Promise<CompareJobState | undefined> {
    const row = await this.db<CompareJobRow>('compare_jobs')
      .select('state')
      .where({ id })
      .first();
    return row?.state;
  }

  async updateProgress(id: string, progress: CompareJobProgress, now: Date) {
    return this.whileRunning(id, {
      progress: JSON.stringify(progress),
      updated_at: now,
    });
  }

  async heartbeat(id: string, now: Date) {
    return this.whileRunning(id, { updated_at: now });
  }

  async finish(id: string, outcome: CompareJobOutcome, now: Date) {
    return this.whileRunning(id, {
      state: outcome.state,
      progress: JSON.stringify(outcome.progress),
      ...(outcome.state === 'succeeded'
        ? { result: outcome.result }
        : { error: outcome.error }),
      updated_at: now,
      finished_at: now,
    });
  }

  async cancel(id: string, now: Date) {
    return this.whileRunning(id, {
      state: 'cancelled',
      updated_at: now,
      finished_at: now,
    });
  }

  async failIfStale(id: string, staleBefore: Date, error: string, now: Date) {
    const count = await this.db<CompareJobRow>('compare_jobs')
      .where({ id, state: 'running' })
      .where('updated_at', '<', staleBefore)
      .update({ state: 'failed', error, updated_at: now, finished_at: now });
    return count > 0;
  }

  async pruneFinished(before: Date): Promise<number> {
    return this.db<CompareJobRow>('compare_jobs')
      .whereNot({ state: 'running' })
      .where('finished_at', '<', before)
      .delete();
  }

  private async whileRunning(
    id: string,
    changes: Partial<CompareJobRow>,
  ): Promise<boolean> {
    const count = await this.db<CompareJobRow>('compare_jobs')
      .where({ id, state: 'running' })
      .update(changes);
    return count > 0;
  }
}
