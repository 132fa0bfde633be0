import { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  HealthCheckKind,
  HealthCheckSettings,
  HealthCheckSource,
  HealthSample,
  HealthSampleStatus,
  MaintenanceWindow,
} from '@opshub/plugin-infra-health-common';
import { PageQuery } from '@opshub/opshub-common';
import {
  migrateAndConnect,
  timestampToIso as toIso,
  timestampToIsoOrNull as toIsoOrNull,
} from '@opshub/opshub-node';
import { Knex } from 'knex';
import {
  CheckState,
  ClaimedCheck,
  HealthCheckDefinition,
  HealthStore,
  NewHealthSample,
  RecordedSample,
  StoredCheck,
  SyncChecksResult,
} from './HealthStore';

type DbTime = Date | string | number;

type CheckRow = {
  id: number;
  name: string;
  service: string;
  kind: HealthCheckKind;
  source: HealthCheckSource;
  url: string;
  method: string;
  expected_status: number;
  interval_seconds: number;
  timeout_ms: number;
  degraded_latency_ms: number;
  failure_threshold: number;
  success_threshold: number;
  runbook_url: string | null;
  maintenance_windows: string | null;
  settings: string | null;
  secrets: string | null;
  effective_status: CheckState['effectiveStatus'];
  notified_status: CheckState['notifiedStatus'];
  consecutive_failures: number;
  consecutive_successes: number;
  status_changed_at: DbTime | null;
  next_run_ms: number | string | null;
  created_at: DbTime;
  updated_at: DbTime;
};

type SampleRow = {
  id: number;
  check_id: number;
  status: HealthSampleStatus;
  latency_ms: number;
  http_status: number | null;
  error: string | null;
  detail: string | null;
  cert_days_left: number | null;
  sampled_at: DbTime;
};

/**
 * Rows per multi-row insert. Knex writes a SQLite multi-row insert as a
 * compound SELECT, which SQLite caps at 500 terms; PostgreSQL takes 65,535
 * bindings (9 per row).
 */
const INSERT_CHUNK = { postgres: 5000, sqlite: 450 };

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toCheck(row: CheckRow): StoredCheck {
  const secrets = parseJson<{ headers?: Record<string, string> }>(
    row.secrets,
    {},
  );
  return {
    id: Number(row.id),
    name: row.name,
    service: row.service,
    kind: row.kind,
    source: row.source,
    url: row.url,
    method: row.method,
    expectedStatus: Number(row.expected_status),
    intervalSeconds: Number(row.interval_seconds),
    timeoutMs: Number(row.timeout_ms),
    degradedLatencyMs: Number(row.degraded_latency_ms),
    failureThreshold: Number(row.failure_threshold),
    successThreshold: Number(row.success_threshold),
    runbookUrl: row.runbook_url,
    maintenanceWindows: parseJson<MaintenanceWindow[]>(
      row.maintenance_windows,
      [],
    ),
    settings: parseJson<HealthCheckSettings>(row.settings, {}),
    headers: secrets.headers ?? {},
    effectiveStatus: row.effective_status,
    notifiedStatus: row.notified_status,
    consecutiveFailures: Number(row.consecutive_failures),
    consecutiveSuccesses: Number(row.consecutive_successes),
    statusChangedAt: toIsoOrNull(row.status_changed_at),
    nextRunMs: row.next_run_ms === null ? null : Number(row.next_run_ms),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toState(row: CheckRow): CheckState {
  return {
    effectiveStatus: row.effective_status,
    notifiedStatus: row.notified_status,
    consecutiveFailures: Number(row.consecutive_failures),
    consecutiveSuccesses: Number(row.consecutive_successes),
    statusChangedAt: toIsoOrNull(row.status_changed_at),
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
    detail: row.detail ?? null,
    certDaysLeft:
      row.cert_days_left === null || row.cert_days_left === undefined
        ? null
        : Number(row.cert_days_left),
    sampledAt: toIso(row.sampled_at),
  };
}

function definitionColumns(check: HealthCheckDefinition) {
  return {
    service: check.service,
    kind: check.kind,
    url: check.url,
    method: check.method,
    expected_status: check.expectedStatus,
    interval_seconds: check.intervalSeconds,
    timeout_ms: check.timeoutMs,
    degraded_latency_ms: check.degradedLatencyMs,
    failure_threshold: check.failureThreshold,
    success_threshold: check.successThreshold,
    runbook_url: check.runbookUrl,
    maintenance_windows: JSON.stringify(check.maintenanceWindows),
    settings: JSON.stringify(check.settings),
    secrets: JSON.stringify({ headers: check.headers }),
  };
}

function sameDefinition(row: CheckRow, check: HealthCheckDefinition): boolean {
  const wanted = definitionColumns(check);
  return (Object.keys(wanted) as Array<keyof typeof wanted>).every(
    key => String(row[key] ?? '') === String(wanted[key] ?? ''),
  );
}

function sampleColumns(sample: NewHealthSample) {
  return {
    check_id: sample.checkId,
    status: sample.status,
    latency_ms: Math.round(sample.latencyMs),
    http_status: sample.httpStatus,
    error: sample.error,
    detail: sample.detail ?? null,
    cert_days_left: sample.certDaysLeft ?? null,
    sampled_at: sample.sampledAt,
  };
}

function stateColumns(state: CheckState) {
  return {
    effective_status: state.effectiveStatus,
    notified_status: state.notifiedStatus,
    consecutive_failures: state.consecutiveFailures,
    consecutive_successes: state.consecutiveSuccesses,
    status_changed_at: state.statusChangedAt
      ? new Date(state.statusChangedAt)
      : null,
  };
}

function sameState(a: CheckState, b: CheckState): boolean {
  return (
    a.effectiveStatus === b.effectiveStatus &&
    a.notifiedStatus === b.notifiedStatus &&
    a.consecutiveFailures === b.consecutiveFailures &&
    a.consecutiveSuccesses === b.consecutiveSuccesses &&
    a.statusChangedAt === b.statusChangedAt
  );
}

const insertedId = (inserted: unknown) =>
  Number(
    typeof inserted === 'object' && inserted !== null
      ? (inserted as { id: number }).id
      : inserted,
  );

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

  private get isPostgres(): boolean {
    return String(this.db.client.config.client).startsWith('p');
  }

  async syncChecks(
    checks: HealthCheckDefinition[],
    now: Date,
  ): Promise<SyncChecksResult> {
    return this.db.transaction(async tx => {
      const result: SyncChecksResult = { added: [], updated: [], removed: [] };
      if (this.isPostgres) {
        // backends starting together sync one after the other (SQLite has
        // one writer anyway); the reads below then see the other's rows
        await tx.raw('LOCK TABLE health_checks IN SHARE ROW EXCLUSIVE MODE');
      }
      const existing = new Map(
        (await tx<CheckRow>('health_checks').select('*')).map(row => [
          row.name,
          row,
        ]),
      );
      for (const [index, check] of checks.entries()) {
        const row = existing.get(check.name);
        if (!row) {
          await tx('health_checks').insert({
            name: check.name,
            source: 'config',
            ...definitionColumns(check),
            // spread the first probes of many checks over their interval
            next_run_ms: now.getTime() + (index % check.intervalSeconds) * 1000,
            created_at: now,
            updated_at: now,
          });
          result.added.push(check.name);
        } else if (row.source !== 'config' || !sameDefinition(row, check)) {
          await tx('health_checks')
            .where('id', row.id)
            .update({
              ...definitionColumns(check),
              source: 'config',
              updated_at: now,
            });
          result.updated.push(check.name);
        }
      }
      const configured = new Set(checks.map(c => c.name));
      const removed = [...existing.values()].filter(
        row => row.source === 'config' && !configured.has(row.name),
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

  async listChecks(filter: { service?: string }): Promise<StoredCheck[]> {
    const query = this.db<CheckRow>('health_checks').select('*');
    if (filter.service) query.where('service', filter.service);
    const rows = await query.orderBy([
      { column: 'service', order: 'asc' },
      { column: 'name', order: 'asc' },
    ]);
    return rows.map(toCheck);
  }

  async getCheck(id: number): Promise<StoredCheck | undefined> {
    const row = await this.db<CheckRow>('health_checks')
      .where('id', id)
      .first();
    return row ? toCheck(row) : undefined;
  }

  async createCheck(
    check: HealthCheckDefinition,
    now: Date,
  ): Promise<StoredCheck> {
    return this.db.transaction(async tx => {
      await this.assertNameFree(tx, check.name);
      const [inserted] = await tx('health_checks')
        .insert({
          name: check.name,
          source: 'api',
          ...definitionColumns(check),
          next_run_ms: now.getTime(),
          created_at: now,
          updated_at: now,
        })
        .returning('id');
      const row = await tx<CheckRow>('health_checks')
        .where('id', insertedId(inserted))
        .first();
      return toCheck(row!);
    });
  }

  async updateCheck(
    id: number,
    check: HealthCheckDefinition,
    now: Date,
  ): Promise<StoredCheck | undefined> {
    return this.db.transaction(async tx => {
      const row = await tx<CheckRow>('health_checks').where('id', id).first();
      if (!row) return undefined;
      assertApiCheck(row);
      if (row.name !== check.name) {
        await this.assertNameFree(tx, check.name);
      }
      await tx('health_checks')
        .where('id', id)
        .update({
          name: check.name,
          ...definitionColumns(check),
          updated_at: now,
        });
      const updated = await tx<CheckRow>('health_checks')
        .where('id', id)
        .first();
      return toCheck(updated!);
    });
  }

  async deleteCheck(id: number): Promise<boolean> {
    return this.db.transaction(async tx => {
      const row = await tx<CheckRow>('health_checks').where('id', id).first();
      if (!row) return false;
      assertApiCheck(row);
      await tx('health_samples').where('check_id', id).delete();
      await tx('health_checks').where('id', id).delete();
      return true;
    });
  }

  private async assertNameFree(tx: Knex.Transaction, name: string) {
    const taken = await tx('health_checks').where('name', name).first('id');
    if (taken) {
      throw new ConflictError(`A health check named '${name}' exists already`);
    }
  }

  async claimDueChecks(options: {
    nowMs: number;
    lookaheadMs: number;
    limit: number;
  }): Promise<ClaimedCheck[]> {
    const { nowMs, lookaheadMs, limit } = options;
    const horizon = nowMs + lookaheadMs;
    const due = (query: Knex.QueryBuilder) =>
      query.where(inner =>
        inner
          .whereNull('next_run_ms')
          .orWhere(
            'next_run_ms',
            '<=',
            this.db.raw('CAST(? AS BIGINT)', [horizon]),
          ),
      );
    const candidates = due(
      this.db('health_checks')
        .select('id')
        .orderBy('next_run_ms', 'asc')
        .limit(limit),
    );
    if (this.isPostgres) {
      // another backend claiming at the same moment skips these rows
      candidates.forUpdate().skipLocked();
    }
    // one conditional UPDATE: a row another caller already moved on no
    // longer matches `due`, so it is claimed once (PostgreSQL re-checks the
    // condition after waiting for a row lock; SQLite has one writer)
    const next = this.db.raw(
      `CASE WHEN COALESCE(next_run_ms, CAST(? AS BIGINT)) + interval_seconds * 1000 > CAST(? AS BIGINT)
        THEN COALESCE(next_run_ms, CAST(? AS BIGINT)) + interval_seconds * 1000
        ELSE CAST(? AS BIGINT) + interval_seconds * 1000 END`,
      [nowMs, nowMs, nowMs, nowMs],
    );
    const rows: CheckRow[] = await this.db.transaction(async tx => {
      const claimed = await due(
        tx('health_checks').whereIn('id', candidates.clone().transacting(tx)),
      )
        .update({ next_run_ms: next })
        .returning('*');
      return claimed as CheckRow[];
    });
    // the new next run is one interval after the claimed due time (or,
    // for a check overdue by a whole interval, after now)
    return rows.map(row => {
      const check = toCheck(row);
      return {
        ...check,
        dueMs: (check.nextRunMs ?? nowMs) - check.intervalSeconds * 1000,
      };
    });
  }

  async recordSamples(
    samples: NewHealthSample[],
    next: (
      state: CheckState,
      sample: NewHealthSample,
      checkId: number,
    ) => CheckState,
  ): Promise<RecordedSample[]> {
    if (samples.length === 0) return [];
    const ordered = [...samples].sort(
      (a, b) => a.sampledAt.getTime() - b.sampledAt.getTime(),
    );
    return this.db.transaction(async tx => {
      const checkIds = [...new Set(ordered.map(s => s.checkId))];
      const stateQuery = tx<CheckRow>('health_checks')
        .select('*')
        .whereIn('id', checkIds)
        // one lock order for every caller
        .orderBy('id');
      if (this.isPostgres) stateQuery.forUpdate();
      const states = new Map(
        (await stateQuery).map(row => [Number(row.id), toState(row)]),
      );
      // a check deleted while it was probed: its sample has no home
      const kept = ordered.filter(s => states.has(s.checkId));
      const ids: number[] = [];
      const chunk = this.isPostgres
        ? INSERT_CHUNK.postgres
        : INSERT_CHUNK.sqlite;
      for (let i = 0; i < kept.length; i += chunk) {
        const inserted = await tx('health_samples')
          .insert(kept.slice(i, i + chunk).map(sampleColumns))
          .returning('id');
        ids.push(...inserted.map(insertedId));
      }
      const initial = new Map(states);
      const recorded: RecordedSample[] = kept.map((sample, index) => {
        const before = states.get(sample.checkId)!;
        const after = next(before, sample, sample.checkId);
        states.set(sample.checkId, after);
        const columns = sampleColumns(sample);
        return {
          sample: {
            id: ids[index],
            checkId: sample.checkId,
            status: sample.status,
            latencyMs: columns.latency_ms,
            httpStatus: sample.httpStatus,
            error: sample.error,
            detail: columns.detail,
            certDaysLeft: columns.cert_days_left,
            sampledAt: sample.sampledAt.toISOString(),
          },
          before,
          after,
        };
      });
      for (const [checkId, state] of states) {
        if (!sameState(initial.get(checkId)!, state)) {
          await tx('health_checks')
            .where('id', checkId)
            .update(stateColumns(state));
        }
      }
      return recorded;
    });
  }

  async addSample(sample: NewHealthSample): Promise<HealthSample> {
    const [recorded] = await this.recordSamples([sample], state => state);
    if (!recorded) {
      throw new Error(`No health check with id ${sample.checkId}`);
    }
    return recorded.sample;
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

  async deleteSamplesBefore(before: Date): Promise<number> {
    return this.db('health_samples').where('sampled_at', '<', before).delete();
  }
}

function assertApiCheck(row: CheckRow) {
  if (row.source === 'config') {
    throw new ConflictError(
      `Health check '${row.name}' comes from infraHealth.checks in the app config; change it there`,
    );
  }
}
