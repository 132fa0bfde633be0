import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  HealthCheck,
  HealthSample,
  HealthSampleStatus,
} from '@opshub/plugin-infra-health-common';
import { PageQuery } from '@opshub/opshub-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso as toIso,
} from '@opshub/opshub-node';
import { Knex } from 'knex';
import {
  HealthCheckDefinition,
  HealthStore,
  NewHealthSample,
  SyncChecksResult,
} from './HealthStore';

type CheckRow = {
  id: number;
  name: string;
  service: string;
  url: string;
  method: string;
  expected_status: number;
  interval_seconds: number;
  timeout_ms: number;
  degraded_latency_ms: number;
  created_at: Date | string | number;
  updated_at: Date | string | number;
};

type SampleRow = {
  id: number;
  check_id: number;
  status: HealthSampleStatus;
  latency_ms: number;
  http_status: number | null;
  error: string | null;
  sampled_at: Date | string | number;
};

const toDate = (value: DbTimestamp): Date => new Date(toIso(value));

function toCheck(row: CheckRow): HealthCheck {
  return {
    id: Number(row.id),
    name: row.name,
    service: row.service,
    url: row.url,
    method: row.method,
    expectedStatus: Number(row.expected_status),
    intervalSeconds: Number(row.interval_seconds),
    timeoutMs: Number(row.timeout_ms),
    degradedLatencyMs: Number(row.degraded_latency_ms),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toSample(row: SampleRow): HealthSample {
  return {
    id: Number(row.id),
    checkId: Number(row.check_id),
    status: row.status,
    latencyMs: Number(row.latency_ms),
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    error: row.error,
    sampledAt: toIso(row.sampled_at),
  };
}

function definitionColumns(check: HealthCheckDefinition) {
  return {
    service: check.service,
    url: check.url,
    method: check.method,
    expected_status: check.expectedStatus,
    interval_seconds: check.intervalSeconds,
    timeout_ms: check.timeoutMs,
    degraded_latency_ms: check.degradedLatencyMs,
  };
}

function sameDefinition(row: CheckRow, check: HealthCheckDefinition): boolean {
  const wanted = definitionColumns(check);
  return (Object.keys(wanted) as Array<keyof typeof wanted>).every(
    key => String(row[key]) === String(wanted[key]),
  );
}

/**
 * Knex implementation of {@link HealthStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseHealthStore implements HealthStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseHealthStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-infra-health-backend',
    });
    return new DatabaseHealthStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async syncChecks(
    checks: HealthCheckDefinition[],
    now: Date,
  ): Promise<SyncChecksResult> {
    return this.db.transaction(async tx => {
      const result: SyncChecksResult = { added: [], updated: [], removed: [] };
      const existing = new Map(
        (await tx<CheckRow>('health_checks').select('*')).map(row => [
          row.name,
          row,
        ]),
      );
      for (const check of checks) {
        const row = existing.get(check.name);
        if (!row) {
          await tx('health_checks').insert({
            name: check.name,
            ...definitionColumns(check),
            created_at: now,
            updated_at: now,
          });
          result.added.push(check.name);
        } else if (!sameDefinition(row, check)) {
          await tx('health_checks')
            .where('id', row.id)
            .update({ ...definitionColumns(check), updated_at: now });
          result.updated.push(check.name);
        }
      }
      const configured = new Set(checks.map(c => c.name));
      const removed = [...existing.values()].filter(
        row => !configured.has(row.name),
      );
      if (removed.length > 0) {
        const ids = removed.map(row => row.id);
        // ON DELETE CASCADE does this too; explicit so that it never depends
        // on the SQLite foreign_keys pragma
        await tx('health_samples').whereIn('check_id', ids).delete();
        await tx('health_checks').whereIn('id', ids).delete();
        result.removed.push(...removed.map(row => row.name));
      }
      return result;
    });
  }

  async listChecks(filter: { service?: string }): Promise<HealthCheck[]> {
    const query = this.db<CheckRow>('health_checks').select('*');
    if (filter.service) query.where('service', filter.service);
    const rows = await query.orderBy([
      { column: 'service', order: 'asc' },
      { column: 'name', order: 'asc' },
    ]);
    return rows.map(toCheck);
  }

  async getCheck(id: number): Promise<HealthCheck | undefined> {
    const row = await this.db<CheckRow>('health_checks')
      .where('id', id)
      .first();
    return row ? toCheck(row) : undefined;
  }

  async addSample(sample: NewHealthSample): Promise<HealthSample> {
    const [inserted] = await this.db('health_samples')
      .insert({
        check_id: sample.checkId,
        status: sample.status,
        latency_ms: Math.round(sample.latencyMs),
        http_status: sample.httpStatus,
        error: sample.error,
        sampled_at: sample.sampledAt,
      })
      .returning('id');
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    return {
      id,
      checkId: sample.checkId,
      status: sample.status,
      latencyMs: Math.round(sample.latencyMs),
      httpStatus: sample.httpStatus,
      error: sample.error,
      sampledAt: sample.sampledAt.toISOString(),
    };
  }

  async recentSamples(
    checkIds: number[],
    perCheck: number,
  ): Promise<HealthSample[]> {
    if (checkIds.length === 0) return [];
    const ranked = this.db('health_samples')
      .select(
        '*',
        this.db.raw(
          'row_number() over (partition by check_id order by sampled_at desc, id desc) as rn',
        ),
      )
      .whereIn('check_id', checkIds);
    const rows = await this.db
      .from(ranked.as('ranked'))
      .where('rn', '<=', perCheck)
      .select<SampleRow[]>('*')
      .orderBy([
        { column: 'check_id', order: 'asc' },
        { column: 'sampled_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toSample);
  }

  async samplesSince(checkIds: number[], since: Date) {
    if (checkIds.length === 0) return [];
    const rows = await this.db<SampleRow>('health_samples')
      .select('check_id', 'status', 'latency_ms')
      .whereIn('check_id', checkIds)
      .where('sampled_at', '>=', since);
    return rows.map(row => ({
      checkId: Number(row.check_id),
      status: row.status,
      latencyMs: Number(row.latency_ms),
    }));
  }

  async listSamples(checkId: number, page: PageQuery) {
    const [rows, [{ count }]] = await Promise.all([
      this.db<SampleRow>('health_samples')
        .select('*')
        .where('check_id', checkId)
        .orderBy([
          { column: 'sampled_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      this.db('health_samples')
        .where('check_id', checkId)
        .count({ count: '*' }),
    ]);
    return { items: rows.map(toSample), totalCount: Number(count) };
  }

  async lastSampledAt(): Promise<Map<number, Date>> {
    const rows: Array<{
      check_id: number;
      last: Date | string | number;
    }> = await this.db('health_samples')
      .select('check_id')
      .max({ last: 'sampled_at' })
      .groupBy('check_id');
    return new Map(rows.map(row => [Number(row.check_id), toDate(row.last)]));
  }

  async deleteSamplesBefore(before: Date): Promise<number> {
    return this.db('health_samples').where('sampled_at', '<', before).delete();
  }
}
