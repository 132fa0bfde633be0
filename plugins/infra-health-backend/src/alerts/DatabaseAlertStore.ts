import { DatabaseService } from '@backstage/backend-plugin-api';
import { PageQuery } from '@opshub/opshub-common';
import {
  migrateAndConnect,
  timestampToIso as toIso,
  timestampToIsoOrNull as toIsoOrNull,
  DbTimestamp,
} from '@opshub/opshub-node';
import {
  AlertEscalation,
  AlertState,
  EscalationTarget,
  HealthAlert,
} from '@opshub/plugin-infra-health-common';
import { Knex } from 'knex';
import {
  AlertFilter,
  AlertStore,
  AlertUpsertResult,
  IncomingAlert,
  TransitionResult,
} from './AlertStore';

const ALERTS = 'health_alerts';
const ESCALATIONS = 'health_alert_escalations';

type AlertRow = {
  id: number;
  fingerprint: string;
  starts_at: DbTimestamp;
  ends_at: DbTimestamp | null;
  alertname: string;
  service: string | null;
  severity: string | null;
  summary: string | null;
  description: string | null;
  labels: string;
  annotations: string;
  generator_url: string | null;
  runbook_url: string | null;
  dashboard_url: string | null;
  state: AlertState;
  acknowledged_by: string | null;
  acknowledged_at: DbTimestamp | null;
  ack_comment: string | null;
  ack_until: DbTimestamp | null;
  resolved_by: string | null;
  resolved_at: DbTimestamp | null;
  resolve_comment: string | null;
  last_received_at: DbTimestamp;
  created_at: DbTimestamp;
  updated_at: DbTimestamp;
};

type EscalationRow = {
  id: number;
  alert_id: number;
  target: EscalationTarget;
  note: string | null;
  actor: string;
  outcome: 'sent' | 'failed';
  error: string | null;
  created_at: DbTimestamp;
};

function parseObject(text: string): Record<string, string> {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : {};
  } catch {
    return {};
  }
}

function toAlert(row: AlertRow, now: Date): HealthAlert {
  const until = toIsoOrNull(row.ack_until);
  const expired =
    row.state === 'acknowledged' &&
    until !== null &&
    Date.parse(until) <= now.getTime();
  const state: AlertState = expired ? 'firing' : row.state;
  return {
    id: Number(row.id),
    fingerprint: row.fingerprint,
    startsAt: toIso(row.starts_at),
    endsAt: toIsoOrNull(row.ends_at),
    alertname: row.alertname,
    service: row.service,
    severity: row.severity,
    summary: row.summary,
    description: row.description,
    labels: parseObject(row.labels),
    annotations: parseObject(row.annotations),
    generatorUrl: row.generator_url,
    runbookUrl: row.runbook_url,
    dashboardUrl: row.dashboard_url,
    state,
    acknowledgement:
      row.acknowledged_by && row.acknowledged_at !== null
        ? {
            by: row.acknowledged_by,
            at: toIso(row.acknowledged_at),
            comment: row.ack_comment,
            until,
            // expired when the time passed, or when the expiry task already
            // moved the alert back to firing
            expired:
              expired ||
              (row.state === 'firing' &&
                until !== null &&
                Date.parse(until) <= now.getTime()),
          }
        : null,
    resolution:
      row.state === 'resolved' && row.resolved_by && row.resolved_at !== null
        ? {
            by: row.resolved_by,
            at: toIso(row.resolved_at),
            comment: row.resolve_comment,
          }
        : null,
    lastReceivedAt: toIso(row.last_received_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function toEscalation(row: EscalationRow): AlertEscalation {
  return {
    id: Number(row.id),
    alertId: Number(row.alert_id),
    target: row.target,
    note: row.note,
    actor: row.actor,
    outcome: row.outcome,
    error: row.error,
    createdAt: toIso(row.created_at),
  };
}

/** Rows whose state at `now` is `state`. */
function whereState(
  query: Knex.QueryBuilder,
  state: AlertState,
  now: Date,
): Knex.QueryBuilder {
  if (state === 'resolved') {
    return query.where('state', 'resolved');
  }
  if (state === 'acknowledged') {
    return query
      .where('state', 'acknowledged')
      .andWhere(q => q.whereNull('ack_until').orWhere('ack_until', '>', now));
  }
  return query.where(q =>
    q
      .where('state', 'firing')
      .orWhere(expired =>
        expired
          .where('state', 'acknowledged')
          .whereNotNull('ack_until')
          .andWhere('ack_until', '<=', now),
      ),
  );
}

function dataColumns(alert: IncomingAlert) {
  return {
    ends_at: alert.endsAt,
    alertname: alert.alertname,
    service: alert.service,
    severity: alert.severity,
    summary: alert.summary,
    description: alert.description,
    labels: JSON.stringify(alert.labels),
    annotations: JSON.stringify(alert.annotations),
    generator_url: alert.generatorUrl,
    runbook_url: alert.runbookUrl,
    dashboard_url: alert.dashboardUrl,
  };
}

/**
 * Knex implementation of {@link AlertStore}, for PostgreSQL and SQLite.
 * Transitions are single conditional UPDATEs, so of two concurrent ones at
 * most one changes the row.
 *
 * @internal
 */
export class DatabaseAlertStore implements AlertStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAlertStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-infra-health-backend',
    });
    return new DatabaseAlertStore(db);
  }

  private constructor(private readonly db: Knex) {}

  async upsertAlerts(
    alerts: IncomingAlert[],
    now: Date,
  ): Promise<AlertUpsertResult> {
    const ids = await this.db.transaction(async tx => {
      const changed = {
        created: [] as number[],
        updated: [] as number[],
        resolved: [] as number[],
      };
      for (const alert of alerts) {
        const identity = {
          fingerprint: alert.fingerprint,
          starts_at: alert.startsAt,
        };
        let existing = await tx<AlertRow>(ALERTS).where(identity).first();
        if (!existing) {
          const resolved = alert.status === 'resolved';
          const inserted: Array<{ id: number } | number> = await tx(ALERTS)
            .insert({
              ...identity,
              ...dataColumns(alert),
              state: resolved ? 'resolved' : 'firing',
              resolved_by: resolved ? 'alertmanager' : null,
              resolved_at: resolved ? alert.endsAt ?? now : null,
              last_received_at: now,
              created_at: now,
              updated_at: now,
            })
            .onConflict(['fingerprint', 'starts_at'])
            .ignore()
            .returning('id');
          if (inserted.length === 1) {
            const id = Number(
              typeof inserted[0] === 'object' ? inserted[0].id : inserted[0],
            );
            (resolved ? changed.resolved : changed.created).push(id);
            continue;
          }
          // another instance inserted it meanwhile: update it below
          existing = await tx<AlertRow>(ALERTS).where(identity).first();
          if (!existing) {
            throw new Error(
              `Alert ${alert.fingerprint} vanished while it was stored`,
            );
          }
        }
        const resolves =
          alert.status === 'resolved' && existing.state !== 'resolved';
        await tx(ALERTS)
          .where('id', existing.id)
          .update({
            ...dataColumns(alert),
            ...(resolves
              ? {
                  state: 'resolved',
                  resolved_by: 'alertmanager',
                  resolved_at: alert.endsAt ?? now,
                  resolve_comment: null,
                }
              : {}),
            last_received_at: now,
            updated_at: now,
          });
        (resolves ? changed.resolved : changed.updated).push(
          Number(existing.id),
        );
      }
      return changed;
    });
    const all = [...ids.created, ...ids.updated, ...ids.resolved];
    const rows = all.length
      ? await this.db<AlertRow>(ALERTS).whereIn('id', all)
      : [];
    const byId = new Map(rows.map(row => [Number(row.id), toAlert(row, now)]));
    const pick = (list: number[]) =>
      list.map(id => byId.get(id)).filter((a): a is HealthAlert => !!a);
    return {
      created: pick(ids.created),
      updated: pick(ids.updated),
      resolved: pick(ids.resolved),
    };
  }

  async listAlerts(filter: AlertFilter, page: PageQuery, now: Date) {
    const filtered = () => {
      const query = this.db<AlertRow>(ALERTS);
      if (filter.state) whereState(query, filter.state, now);
      if (filter.service) query.where('service', filter.service);
      if (filter.severity) query.where('severity', filter.severity);
      return query;
    };
    const [rows, [{ count }]] = await Promise.all([
      filtered()
        .select('*')
        .orderBy([
          { column: 'starts_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      filtered().count({ count: '*' }),
    ]);
    return {
      items: (rows as AlertRow[]).map(row => toAlert(row, now)),
      totalCount: Number(count),
    };
  }

  async getAlert(id: number, now: Date): Promise<HealthAlert | undefined> {
    const row = await this.db<AlertRow>(ALERTS).where('id', id).first();
    return row ? toAlert(row, now) : undefined;
  }

  async acknowledge(
    id: number,
    ack: { by: string; comment: string | null; until: Date | null },
    now: Date,
  ): Promise<TransitionResult> {
    const query = this.db(ALERTS).where('id', id);
    whereState(query, 'firing', now);
    const count = await query.update({
      state: 'acknowledged',
      acknowledged_by: ack.by,
      acknowledged_at: now,
      ack_comment: ack.comment,
      ack_until: ack.until,
      updated_at: now,
    });
    return this.transitionResult(id, count, now);
  }

  async resolve(
    id: number,
    resolution: { by: string; comment: string | null },
    now: Date,
  ): Promise<TransitionResult> {
    const count = await this.db(ALERTS)
      .where('id', id)
      .whereIn('state', ['firing', 'acknowledged'])
      .update({
        state: 'resolved',
        resolved_by: resolution.by,
        resolved_at: now,
        resolve_comment: resolution.comment,
        updated_at: now,
      });
    return this.transitionResult(id, count, now);
  }

  async expireAcknowledgements(now: Date): Promise<HealthAlert[]> {
    return this.db.transaction(async tx => {
      const rows = await tx<AlertRow>(ALERTS)
        .where('state', 'acknowledged')
        .whereNotNull('ack_until')
        .andWhere('ack_until', '<=', now)
        .select('id');
      const ids = rows.map(row => Number(row.id));
      if (ids.length === 0) return [];
      await tx(ALERTS)
        .whereIn('id', ids)
        .where('state', 'acknowledged')
        .andWhere('ack_until', '<=', now)
        .update({ state: 'firing', updated_at: now });
      const after = await tx<AlertRow>(ALERTS).whereIn('id', ids);
      return after.map(row => toAlert(row, now));
    });
  }

  async pruneResolved(before: Date): Promise<number> {
    return this.db.transaction(async tx => {
      const old = tx<AlertRow>(ALERTS)
        .where('state', 'resolved')
        .andWhere('updated_at', '<', before)
        .select('id');
      await tx(ESCALATIONS).whereIn('alert_id', old).delete();
      const deleted = await tx(ALERTS)
        .where('state', 'resolved')
        .andWhere('updated_at', '<', before)
        .delete();
      return Number(deleted ?? 0);
    });
  }

  async addEscalation(escalation: {
    alertId: number;
    target: EscalationTarget;
    note: string | null;
    actor: string;
    outcome: 'sent' | 'failed';
    error: string | null;
    createdAt: Date;
  }): Promise<AlertEscalation> {
    const [inserted] = await this.db(ESCALATIONS)
      .insert({
        alert_id: escalation.alertId,
        target: escalation.target,
        note: escalation.note,
        actor: escalation.actor,
        outcome: escalation.outcome,
        error: escalation.error,
        created_at: escalation.createdAt,
      })
      .returning('id');
    return {
      id: Number(typeof inserted === 'object' ? inserted.id : inserted),
      alertId: escalation.alertId,
      target: escalation.target,
      note: escalation.note,
      actor: escalation.actor,
      outcome: escalation.outcome,
      error: escalation.error,
      createdAt: escalation.createdAt.toISOString(),
    };
  }

  async listEscalations(alertId: number): Promise<AlertEscalation[]> {
    const rows = await this.db<EscalationRow>(ESCALATIONS)
      .where('alert_id', alertId)
      .orderBy('id', 'asc');
    return rows.map(toEscalation);
  }

  private async transitionResult(
    id: number,
    count: number,
    now: Date,
  ): Promise<TransitionResult> {
    const alert = await this.getAlert(id, now);
    if (count === 1 && alert) {
      return { ok: true, alert };
    }
    return { ok: false, current: alert };
  }
}
