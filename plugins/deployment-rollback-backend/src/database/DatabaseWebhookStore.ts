import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  Deployment,
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
import { DeploymentUpdate } from '../webhooks/types';
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

/** What a batch has locked so far, and the audit rows it will insert. */
interface BatchState {
  rows: Map<string, DeploymentRow>;
  audits: Record<string, unknown>[];
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
      // one statement locks the deployments the batch updates (in id order,
      // as every batch does); audit rows are inserted together at the end
      const batch: BatchState = {
        rows: await this.lockDeployments(
          trx,
          ordered.flatMap(({ id, result }) =>
            locked.has(id) && result.kind === 'deployment'
              ? [result.update.externalId]
              : [],
          ),
        ),
        audits: [],
      };
      for (const { id, result } of ordered) {
        if (!locked.has(id)) {
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
        const change = await this.applyUpdate(trx, batch, result.update, {
          ...result.origin,
          deliveryId: id,
        });
        processed.push(id);
        applied.push({ id, change });
      }
      for (let i = 0; i < batch.audits.length; i += 500) {
        await trx('deployment_audit').insert(batch.audits.slice(i, i + 500));
      }
      for (let i = 0; i < processed.length; i += 500) {
        await trx('webhook_deliveries')
          .whereIn('id', processed.slice(i, i + 500))
          .update({ outcome: 'processed', error: null, processed_at: now });
      }
      for (const [reason, ids] of ignored) {
        await trx('webhook_deliveries')
          .whereIn('id', ids)
          .update({ outcome: 'ignored', error: reason, processed_at: now });
      }
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

  private async lockDeployment(
    trx: Knex.Transaction,
    externalId: string,
  ): Promise<DeploymentRow | undefined> {
    const query = trx<DeploymentRow>('deployments')
      // deployments started in OpsHub are reported under the same key
      .where('external_id', externalId)
      .whereIn('source', ['webhook', 'trigger', 'rollback'])
      .first();
    if (this.postgres) {
      query.forUpdate();
    }
    return query;
  }

  private async applyUpdate(
    trx: Knex.Transaction,
    batch: BatchState,
    update: DeploymentUpdate,
    origin: ChangeOrigin & { deliveryId: number },
  ): Promise<DeploymentChange | null> {
    let before = batch.rows.get(update.externalId);
    if (!before) {
      const inserted = await trx('deployments')
        .insert({
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
        })
        .onConflict(['source', 'external_id'])
        .ignore()
        .returning('*');
      if (inserted.length > 0) {
        batch.rows.set(update.externalId, inserted[0] as DeploymentRow);
        const after = toDeployment(inserted[0] as DeploymentRow);
        this.audit(batch, origin, 'webhook.created', null, after);
        return { action: 'webhook.created', before: null, after };
      }
      // another delivery of the same deployment inserted it meanwhile
      before = await this.lockDeployment(trx, update.externalId);
      if (!before) {
        throw new Error(`deployment ${update.externalId} vanished`);
      }
      batch.rows.set(update.externalId, before);
    }
    if (!isAllowedTransition(before.status, update.status)) {
      return null;
    }
    const [row] = await trx('deployments')
      .where('id', before.id)
      .update({
        status: update.status,
        finished_at: isFinal(update.status)
          ? update.finishedAt ?? new Date()
          : null,
      })
      .returning('*');
    batch.rows.set(update.externalId, row as DeploymentRow);
    const after = toDeployment(row as DeploymentRow);
    const previous = toDeployment(before);
    this.audit(batch, origin, 'webhook.status_changed', previous, after);
    return { action: 'webhook.status_changed', before: previous, after };
  }

  private audit(
    batch: BatchState,
    origin: ChangeOrigin & { deliveryId: number },
    action: DeploymentChange['action'],
    before: Deployment | null,
    after: Deployment,
  ) {
    batch.audits.push({
      deployment_id: after.id,
      service: after.service,
      environment: after.environment,
      actor: origin.actor,
      action,
      details: JSON.stringify({
        reason: origin.reason,
        deliveryId: origin.deliveryId,
        before: before && { status: before.status, version: before.version },
        after: { status: after.status, version: after.version },
      }),
      created_at: new Date(),
    });
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
