import { DatabaseService } from '@backstage/backend-plugin-api';
import { CheckRollup } from '@opshub/plugin-infra-health-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso as toIso,
} from '@opshub/opshub-node';
import { Knex } from 'knex';
import { AvailabilityCounts, NewCheckRollup, RollupStore } from './RollupStore';

type RollupRow = {
  check_id: number;
  hour: DbTimestamp;
  sample_count: number;
  up_count: number;
  degraded_count: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
};

/** Rows per INSERT: 7 columns, under SQLite's 999 bound parameters. */
const UPSERT_CHUNK = 100;

const nullableNumber = (value: number | string | null) =>
  value === null ? null : Number(value);

function toRollup(row: RollupRow): CheckRollup {
  return {
    checkId: Number(row.check_id),
    hour: toIso(row.hour),
    count: Number(row.sample_count),
    upCount: Number(row.up_count),
    degradedCount: Number(row.degraded_count),
    latencyP50Ms: nullableNumber(row.latency_p50_ms),
    latencyP95Ms: nullableNumber(row.latency_p95_ms),
  };
}

function toCounts(row?: {
  count: number | string | null;
  good: number | string | null;
}): AvailabilityCounts {
  return { count: Number(row?.count ?? 0), good: Number(row?.good ?? 0) };
}

/**
 * Knex implementation of {@link RollupStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseRollupStore implements RollupStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRollupStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-infra-health-backend',
    });
    return new DatabaseRollupStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async samplesBetween(from: Date, to: Date) {
    const rows: Array<{
      check_id: number;
      status: string;
      latency_ms: number;
    }> = await this.db('health_samples')
      .select('check_id', 'status', 'latency_ms')
      .where('sampled_at', '>=', from)
      .andWhere('sampled_at', '<', to);
    return rows.map(row => ({
      checkId: Number(row.check_id),
      status: row.status,
      latencyMs: Number(row.latency_ms),
    }));
  }

  async earliestSampleAt(): Promise<Date | undefined> {
    const row: { first?: DbTimestamp | null } | undefined = await this.db(
      'health_samples',
    )
      .min({ first: 'sampled_at' })
      .first();
    return row?.first === null || row?.first === undefined
      ? undefined
      : new Date(toIso(row.first));
  }

  async upsertRollups(rollups: NewCheckRollup[]): Promise<void> {
    if (rollups.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < rollups.length; i += UPSERT_CHUNK) {
        await tx('check_rollups')
          .insert(
            rollups.slice(i, i + UPSERT_CHUNK).map(rollup => ({
              check_id: rollup.checkId,
              hour: rollup.hour,
              sample_count: rollup.count,
              up_count: rollup.upCount,
              degraded_count: rollup.degradedCount,
              latency_p50_ms: rollup.latencyP50Ms,
              latency_p95_ms: rollup.latencyP95Ms,
            })),
          )
          .onConflict(['check_id', 'hour'])
          .merge();
      }
    });
  }

  async latestRollupHour(): Promise<Date | undefined> {
    const row: { last?: DbTimestamp | null } | undefined = await this.db(
      'check_rollups',
    )
      .max({ last: 'hour' })
      .first();
    return row?.last === null || row?.last === undefined
      ? undefined
      : new Date(toIso(row.last));
  }

  async listRollups(
    checkIds: number[],
    from: Date,
    to: Date,
  ): Promise<CheckRollup[]> {
    if (checkIds.length === 0) return [];
    const rows = await this.db<RollupRow>('check_rollups')
      .select('*')
      .whereIn('check_id', checkIds)
      .andWhere('hour', '>=', from)
      .andWhere('hour', '<', to)
      .orderBy([
        { column: 'hour', order: 'asc' },
        { column: 'check_id', order: 'asc' },
      ]);
    return rows.map(toRollup);
  }

  async deleteRollupsBefore(before: Date): Promise<number> {
    return this.db('check_rollups').where('hour', '<', before).delete();
  }

  async countSamples(
    checkIds: number[],
    from: Date,
    to: Date,
  ): Promise<AvailabilityCounts> {
    if (checkIds.length === 0 || from >= to) return { count: 0, good: 0 };
    const row = await this.db('health_samples')
      .whereIn('check_id', checkIds)
      .andWhere('sampled_at', '>=', from)
      .andWhere('sampled_at', '<', to)
      .select(
        this.db.raw('count(*) as count'),
        this.db.raw(
          "sum(case when status <> 'down' then 1 else 0 end) as good",
        ),
      )
      .first();
    return toCounts(row);
  }

  async sumRollups(
    checkIds: number[],
    from: Date,
    to: Date,
  ): Promise<AvailabilityCounts> {
    if (checkIds.length === 0 || from >= to) return { count: 0, good: 0 };
    const row = await this.db('check_rollups')
      .whereIn('check_id', checkIds)
      .andWhere('hour', '>=', from)
      .andWhere('hour', '<', to)
      .select(
        this.db.raw('sum(sample_count) as count'),
        this.db.raw('sum(up_count + degraded_count) as good'),
      )
      .first();
    return toCounts(row);
  }
}
