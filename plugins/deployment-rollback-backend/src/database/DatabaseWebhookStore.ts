import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  WebhookDelivery,
  WebhookOutcome,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import {
  DbTimestamp,
  migrateAndConnect,
  timestampToIso,
  timestampToIsoOrNull,
} from '@opshub/opshub-node';
import { Knex } from 'knex';
import { isAllowedTransition, isFinal } from '../webhooks/transitions';
import { DeploymentUpdate, PreviewUpdate } from '../webhooks/types';
import { DeploymentRow, toDeployment } from './DatabaseDeploymentStore';
import {
  AppliedEntry,
  ApplyEntry,
  ApplyResult,
  ChangeOrigin,
  DeliveryFilter,
  DeploymentChange,
  NewDelivery,
  StoredDelivery,
  WebhookStore,
} from './WebhookStore';

type DeliveryRow = {
  id: number;
  provider: WebhookProvider;
  delivery_key: string;
  event: string;
  verified: boolean | number;
  outcome: WebhookOutcome;
  error: string | null;
  attempts: number;
  payload: unknown;
  received_at: DbTimestamp;
  processed_at: DbTimestamp | null;
};

/** The statuses of a deployment still in flight. */
const IN_FLIGHT: DeploymentRow['status'][] = ['queued', 'in_progress'];

const LIST_COLUMNS = [
  'id',
  'provider',
  'delivery_key',
  'event',
  'verified',
  'outcome',
  'error',
  'received_at',
  'processed_at',
];

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return {
    id: Number(row.id),
    provider: row.provider,
    deliveryKey: row.delivery_key,
    event: row.event,
    verified: Boolean(row.verified),
    outcome: row.outcome,
    error: row.error,
    receivedAt: timestampToIso(row.received_at),
    processedAt: timestampToIsoOrNull(row.processed_at),
  };
}

/** A deployment as a batch leaves it (its row before it is written). */
interface PlannedDeployment {
  row: DeploymentRow;
  isNew: boolean;
  changed: boolean;
}

/** One change of a batch: the delivery, and the row before and after. */
interface PlannedStep {
  id: number;
  origin: ChangeOrigin & { deliveryId: number };
  state: PlannedDeployment;
  before: DeploymentRow | null;
  after: DeploymentRow;
}

/** The row a webhook creates (id and defaults come from the insert). */
function newDeploymentRow(update: DeploymentUpdate): DeploymentRow {
  return {
    id: 0,
    service: update.service,
    environment: update.environment,
    version: update.version,
    commit_sha: update.commitSha,
    status: update.status,
    source: 'webhook',
    rollback_of: null,
    triggered_by: update.triggeredBy.slice(0, 255),
    external_id: update.externalId,
    started_at: update.startedAt,
    finished_at: isFinal(update.status)
      ? update.finishedAt ?? update.startedAt
      : null,
    executor_ref: null,
    url: null,
    reason: null,
    message: null,
  };
}

function insertable(row: DeploymentRow) {
  const { id, executor_ref, url, reason, message, ...columns } = row;
  return columns;
}

function auditRow(
  origin: ChangeOrigin & { deliveryId: number },
  change: DeploymentChange,
) {
  const { before, after } = change;
  return {
    deployment_id: after.id,
    service: after.service,
    environment: after.environment,
    actor: origin.actor,
    action: change.action,
    details: JSON.stringify({
      reason: origin.reason,
      deliveryId: origin.deliveryId,
      before: before && { status: before.status, version: before.version },
      after: { status: after.status, version: after.version },
    }),
    created_at: new Date(),
  };
}

function idOf(inserted: unknown): number {
  return Number(
    typeof inserted === 'object' && inserted !== null
      ? (inserted as { id: unknown }).id
      : inserted,
  );
}

/**
 * Knex implementation of {@link WebhookStore}, for PostgreSQL and SQLite.
 *
 * @internal
 */
export class DatabaseWebhookStore implements WebhookStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseWebhookStore> {
    const db = await migrateAndConnect({
      database: options.database,
      packageName: '@opshub/plugin-deployment-rollback-backend',
    });
    return new DatabaseWebhookStore(db);
  }

  private readonly postgres: boolean;

  private constructor(private readonly db: Knex) {
    this.postgres = /^(pg|postgres|postgresql)$/.test(
      String(db.client.config.client),
    );
  }

  async recordDelivery(delivery: NewDelivery) {
    const done = delivery.outcome === 'pending' ? null : delivery.receivedAt;
    const inserted = await this.db('webhook_deliveries')
      .insert({
        provider: delivery.provider,
        delivery_key: delivery.deliveryKey,
        event: delivery.event,
        verified: true,
        outcome: delivery.outcome,
        error: delivery.error,
        attempts: 0,
        payload:
          delivery.payload === undefined
            ? null
            : JSON.stringify(delivery.payload),
        received_at: delivery.receivedAt,
        processed_at: done,
      })
      .onConflict(['provider', 'delivery_key'])
      .ignore()
      .returning('id');
    if (inserted.length > 0) {
      return {
        id: idOf(inserted[0]),
        created: true,
        outcome: delivery.outcome,
      };
    }
    const existing = await this.db<DeliveryRow>('webhook_deliveries')
      .where({
        provider: delivery.provider,
        delivery_key: delivery.deliveryKey,
      })
      .first('id', 'outcome');
    if (!existing) {
      throw new Error(
        'webhook delivery conflicted with a row that no longer exists',
      );
    }
    return {
      id: Number(existing.id),
      created: false,
      outcome: existing.outcome,
    };
  }

  async getDelivery(id: number): Promise<StoredDelivery | undefined> {
    const [delivery] = await this.getDeliveries([id]);
    return delivery;
  }

  async getDeliveries(ids: number[]): Promise<StoredDelivery[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.db<DeliveryRow>('webhook_deliveries')
      .whereIn('id', ids)
      .orderBy('id')
      .select('*');
    return rows.map(row => ({
      ...toDelivery(row),
      attempts: Number(row.attempts),
      payload:
        typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    }));
  }

  private filtered(filter: DeliveryFilter) {
    const query = this.db<DeliveryRow>('webhook_deliveries');
    if (filter.provider) query.where('provider', filter.provider);
    if (filter.outcome) query.where('outcome', filter.outcome);
    return query;
  }

  async listDeliveries(filter: DeliveryFilter, page: PageQuery) {
    const [rows, [{ count }]] = await Promise.all([
      this.filtered(filter)
        .select<DeliveryRow[]>(LIST_COLUMNS)
        .orderBy([
          { column: 'received_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(page.limit)
        .offset(page.offset),
      this.filtered(filter).count({ count: '*' }),
    ]);
    return {
      items: rows.map(toDelivery),
      totalCount: Number(count),
    };
  }

  async pendingDeliveryIds(limit: number): Promise<number[]> {
    const rows = await this.db<DeliveryRow>('webhook_deliveries')
      .where('outcome', 'pending')
      .orderBy('id')
      .limit(limit)
      .select('id');
    return rows.map(row => Number(row.id));
  }

  async applyDelivery(
    id: number,
    result: ApplyResult,
  ): Promise<{ change: DeploymentChange | null } | undefined> {
    const [applied] = await this.applyDeliveries([{ id, result }]);
    return applied ? { change: applied.change } : undefined;
  }

  async applyDeliveries(entries: ApplyEntry[]): Promise<AppliedEntry[]> {
    if (entries.length === 0) {
      return [];
    }
    const ordered = [...entries].sort((a, b) => a.id - b.id);
    return this.db.transaction(async trx => {
      // one statement locks every delivery of the batch that is still
      // pending; those another worker holds are left to it
      const query = trx<DeliveryRow>('webhook_deliveries')
        .whereIn(
          'id',
          ordered.map(entry => entry.id),
        )
        .where('outcome', 'pending')
        .select('id');
      if (this.postgres) {
        query.forUpdate().skipLocked();
      }
      const locked = new Set((await query).map(row => Number(row.id)));
      const now = new Date();
      const applied: AppliedEntry[] = [];
      const processed: number[] = [];
      const ignored = new Map<string, number[]>();
      // the deployments the batch touches, locked by one statement (in id
      // order, as every batch does)
      const current = await this.lockDeployments(
        trx,
        ordered.flatMap(({ id, result }) =>
          locked.has(id) && result.kind === 'deployment'
            ? [result.update.externalId]
            : [],
        ),
      );
      // apply the batch in memory, in delivery order, following the state
      // rules; then write each deployment once (its final state), the audit
      // rows together, and the deliveries' outcome
      const states = new Map<string, PlannedDeployment>();
      const steps: PlannedStep[] = [];
      const previews: Array<{ id: number; preview: PreviewUpdate }> = [];
      for (const { id, result } of ordered) {
        if (!locked.has(id)) {
          continue;
        }
        if (result.kind === 'preview') {
          previews.push({ id, preview: result.preview });
          processed.push(id);
          continue;
        }
        if (result.kind === 'ignored') {
          ignored.set(result.reason, [
            ...(ignored.get(result.reason) ?? []),
            id,
          ]);
          applied.push({ id, change: null });
          continue;
        }
        const { update } = result;
        processed.push(id);
        let state = states.get(update.externalId);
        const existing = current.get(update.externalId);
        if (!state && existing) {
          state = { row: existing, isNew: false, changed: false };
          states.set(update.externalId, state);
        }
        const origin = { ...result.origin, deliveryId: id };
        if (!state) {
          const row = newDeploymentRow(update);
          state = { row, isNew: true, changed: true };
          states.set(update.externalId, state);
          steps.push({ id, origin, state, before: null, after: row });
          continue;
        }
        if (!isAllowedTransition(state.row.status, update.status)) {
          applied.push({ id, change: null });
          continue;
        }
        const before = state.row;
        state.row = {
          ...before,
          status: update.status,
          finished_at: isFinal(update.status) ? update.finishedAt ?? now : null,
        };
        state.changed = true;
        steps.push({ id, origin, state, before, after: state.row });
      }

      // one deployment in flight per service and environment (the partial
      // unique index of the deployments): the newest one a provider reports
      // supersedes the older ones, in the batch and stored
      const keyOf = (row: DeploymentRow) =>
        `${row.service}\u0000${row.environment}`;
      const newestInFlight = new Map<string, PlannedStep>();
      for (const step of steps) {
        if (IN_FLIGHT.includes(step.state.row.status)) {
          newestInFlight.set(keyOf(step.state.row), step);
        }
      }
      for (const state of states.values()) {
        const newest = newestInFlight.get(keyOf(state.row));
        if (
          newest &&
          newest.state !== state &&
          IN_FLIGHT.includes(state.row.status)
        ) {
          state.row = { ...state.row, status: 'superseded', finished_at: now };
          state.changed = true;
        }
      }
      const supersededAudits: Record<string, unknown>[] = [];
      for (const newest of newestInFlight.values()) {
        const { row } = newest.state;
        const batchIds = [...states.values()]
          .filter(state => !state.isNew)
          .map(state => state.row.id);
        const olderQuery = trx<DeploymentRow>('deployments')
          .where({ service: row.service, environment: row.environment })
          .whereIn('status', IN_FLIGHT)
          .whereNotIn('id', batchIds)
          .select('*');
        if (this.postgres) {
          olderQuery.forUpdate();
        }
        const older = (await olderQuery) as DeploymentRow[];
        if (older.length === 0) {
          continue;
        }
        await trx('deployments')
          .whereIn(
            'id',
            older.map(before => before.id),
          )
          .update({ status: 'superseded', finished_at: now });
        for (const before of older) {
          supersededAudits.push(
            auditRow(newest.origin, {
              action: 'webhook.status_changed',
              before: toDeployment(before),
              after: toDeployment({
                ...before,
                status: 'superseded',
                finished_at: now,
              }),
            }),
          );
        }
      }

      const ids = new Map<PlannedDeployment, DeploymentRow>();
      // changed ones first (one may leave the in-flight state that a new
      // one takes): one update each, to their final state
      for (const state of states.values()) {
        if (!state.isNew && state.changed) {
          const [row] = await trx('deployments')
            .where('id', state.row.id)
            .update({
              status: state.row.status,
              finished_at: state.row.finished_at,
            })
            .returning('*');
          ids.set(state, row as DeploymentRow);
        }
      }

      // new deployments: one insert, with their final state
      const created = [...states.values()].filter(state => state.isNew);
      for (let i = 0; i < created.length; i += 200) {
        const chunk = created.slice(i, i + 200);
        const rows = (await trx('deployments')
          .insert(chunk.map(state => insertable(state.row)))
          .onConflict(['source', 'external_id'])
          .ignore()
          .returning('*')) as DeploymentRow[];
        const byExternalId = new Map(rows.map(row => [row.external_id, row]));
        for (const state of chunk) {
          const row = byExternalId.get(state.row.external_id);
          if (!row) {
            // inserted meanwhile by another worker: the batch is applied
            // again delivery by delivery, on the stored row
            throw new Error(
              `deployment ${state.row.external_id} was inserted concurrently`,
            );
          }
          ids.set(state, row);
        }
      }
      const audits: Record<string, unknown>[] = [];
      for (const step of steps) {
        const stored = ids.get(step.state)!;
        const complete = (row: DeploymentRow) =>
          toDeployment({
            ...stored,
            status: row.status,
            finished_at: row.finished_at,
          });
        const change: DeploymentChange = {
          action: step.before ? 'webhook.status_changed' : 'webhook.created',
          before: step.before ? complete(step.before) : null,
          after: complete(step.after),
        };
        audits.push(auditRow(step.origin, change));
        applied.push({ id: step.id, change });
      }
      audits.push(...supersededAudits);
      for (const entry of previews) {
        await applyPreview(trx, entry.preview, now);
        applied.push({ id: entry.id, change: null, preview: entry.preview });
      }
      for (let i = 0; i < audits.length; i += 500) {
        await trx('deployment_audit').insert(audits.slice(i, i + 500));
      }
      for (let i = 0; i < processed.length; i += 500) {
        await trx('webhook_deliveries')
          .whereIn('id', processed.slice(i, i + 500))
          .update({ outcome: 'processed', error: null, processed_at: now });
      }
      for (const [reason, deliveryIds] of ignored) {
        await trx('webhook_deliveries')
          .whereIn('id', deliveryIds)
          .update({ outcome: 'ignored', error: reason, processed_at: now });
      }
      applied.sort((a, b) => a.id - b.id);
      return applied;
    });
  }

  /** The webhook deployments with these external ids, locked, by id. */
  private async lockDeployments(
    trx: Knex.Transaction,
    externalIds: string[],
  ): Promise<Map<string, DeploymentRow>> {
    const rows = new Map<string, DeploymentRow>();
    const unique = [...new Set(externalIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const query = trx<DeploymentRow>('deployments')
        // deployments started in OpsHub are reported under the same key
        .whereIn('source', ['webhook', 'trigger', 'rollback'])
        .whereIn('external_id', unique.slice(i, i + 500))
        .orderBy('id')
        .select('*');
      if (this.postgres) {
        query.forUpdate();
      }
      for (const row of await query) {
        rows.set(row.external_id!, row);
      }
    }
    return rows;
  }

  async pruneDeliveries(before: Date): Promise<number> {
    return this.db('webhook_deliveries')
      .where('received_at', '<', before)
      .whereNot('outcome', 'pending')
      .delete();
  }

  async recordAttemptFailure(id: number, error: string, maxAttempts: number) {
    await this.db.transaction(async trx => {
      const row = await trx<DeliveryRow>('webhook_deliveries')
        .where({ id, outcome: 'pending' })
        .first('attempts');
      if (!row) {
        return;
      }
      const attempts = Number(row.attempts) + 1;
      const failed = attempts >= maxAttempts;
      await trx('webhook_deliveries')
        .where({ id, outcome: 'pending' })
        .update({
          attempts,
          error: error.slice(0, 1000),
          outcome: failed ? 'failed' : 'pending',
          processed_at: failed ? new Date() : null,
        });
    });
  }
}

/**
 * Records what a pull request event asks of its preview, for the preview
 * service to carry out after the commit: deploy (a new or redeployed head
 * commit) or tear down. Every change bumps `generation`.
 */
async function applyPreview(
  trx: Knex.Transaction,
  preview: PreviewUpdate,
  now: Date,
): Promise<void> {
  const details = {
    repository: preview.repository,
    title: preview.title,
    branch: preview.branch,
    commit_sha: preview.commitSha,
    author: preview.author,
    claimed_at: null,
    updated_at: now,
  };
  if (preview.action === 'teardown') {
    // a preview that never existed needs no teardown
    await trx('previews')
      .where({ service: preview.service, pull_request: preview.pullRequest })
      .whereNot('state', 'closed')
      .update({
        ...details,
        state: 'closing',
        error: null,
        generation: trx.raw('generation + 1'),
      });
    return;
  }
  await trx('previews')
    .insert({
      ...details,
      service: preview.service,
      pull_request: preview.pullRequest,
      state: 'pending',
      generation: 1,
      created_at: now,
    })
    .onConflict(['service', 'pull_request'])
    .merge({
      ...details,
      state: 'pending',
      error: null,
      generation: trx.raw('previews.generation + 1'),
    });
}
