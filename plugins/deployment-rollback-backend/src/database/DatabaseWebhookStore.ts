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
    const row = await this.db<DeliveryRow>('webhook_deliveries')
      .where('id', id)
      .first();
    if (!row) {
      return undefined;
    }
    return {
      ...toDelivery(row),
      attempts: Number(row.attempts),
      payload:
        typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    };
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
    result:
      | { kind: 'deployment'; update: DeploymentUpdate; origin: ChangeOrigin }
      | { kind: 'ignored'; reason: string },
  ): Promise<{ change: DeploymentChange | null } | undefined> {
    return this.db.transaction(async trx => {
      const query = trx<DeliveryRow>('webhook_deliveries')
        .where({ id, outcome: 'pending' })
        .first('id');
      if (this.postgres) {
        query.forUpdate().skipLocked();
      }
      if (!(await query)) {
        return undefined;
      }
      const now = new Date();
      if (result.kind === 'ignored') {
        await trx('webhook_deliveries').where('id', id).update({
          outcome: 'ignored',
          error: result.reason,
          processed_at: now,
        });
        return { change: null };
      }
      const change = await this.applyUpdate(trx, result.update, {
        ...result.origin,
        deliveryId: id,
      });
      await trx('webhook_deliveries')
        .where('id', id)
        .update({ outcome: 'processed', error: null, processed_at: now });
      return { change };
    });
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
    update: DeploymentUpdate,
    origin: ChangeOrigin & { deliveryId: number },
  ): Promise<DeploymentChange | null> {
    let before = await this.lockDeployment(trx, update.externalId);
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
        const after = toDeployment(inserted[0] as DeploymentRow);
        await this.audit(trx, origin, 'webhook.created', null, after);
        return { action: 'webhook.created', before: null, after };
      }
      // another delivery of the same deployment inserted it meanwhile
      before = await this.lockDeployment(trx, update.externalId);
      if (!before) {
        throw new Error(`deployment ${update.externalId} vanished`);
      }
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
    const after = toDeployment(row as DeploymentRow);
    const previous = toDeployment(before);
    await this.audit(trx, origin, 'webhook.status_changed', previous, after);
    return { action: 'webhook.status_changed', before: previous, after };
  }

  private async audit(
    trx: Knex.Transaction,
    origin: ChangeOrigin & { deliveryId: number },
    action: DeploymentChange['action'],
    before: Deployment | null,
    after: Deployment,
  ) {
    await trx('deployment_audit').insert({
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
