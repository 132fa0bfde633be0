import {
  Deployment,
  WebhookDelivery,
  WebhookOutcome,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import { DeploymentUpdate, PreviewUpdate } from '../webhooks/types';

/**
 * A delivery to store: verified, with its outcome known at receipt
 * (`pending`, `rejected` or `ignored`).
 *
 * @internal
 */
export interface NewDelivery {
  provider: WebhookProvider;
  deliveryKey: string;
  event: string;
  outcome: Extract<WebhookOutcome, 'pending' | 'rejected' | 'ignored'>;
  error: string | null;
  payload: unknown;
  receivedAt: Date;
}

/** A stored delivery with its payload, for the processor. @internal */
export interface StoredDelivery extends WebhookDelivery {
  attempts: number;
  payload: unknown;
}

/**
 * One applied status change: what the deployment was and became.
 *
 * @internal
 */
export interface DeploymentChange {
  action: 'webhook.created' | 'webhook.status_changed';
  before: Deployment | null;
  after: Deployment;
}

/**
 * Who and what caused a change, for the audit trail: the actor
 * (`webhook:<provider>`) and the reason (`github deployment_status success`).
 *
 * @internal
 */
export interface ChangeOrigin {
  actor: string;
  reason: string;
}

/**
 * What processing makes of one delivery: a deployment change with its
 * origin, or an ignore reason.
 *
 * @internal
 */
export type ApplyResult =
  | { kind: 'deployment'; update: DeploymentUpdate; origin: ChangeOrigin }
  | { kind: 'preview'; preview: PreviewUpdate; origin: ChangeOrigin }
  | { kind: 'ignored'; reason: string };

/** One delivery of a batch. @internal */
export interface ApplyEntry {
  id: number;
  result: ApplyResult;
}

/** One applied delivery of a batch. @internal */
export interface AppliedEntry {
  id: number;
  change: DeploymentChange | null;
  /** The delivery asked for a preview to be deployed or torn down. */
  preview?: PreviewUpdate;
}

/** @internal */
export interface DeliveryFilter {
  provider?: WebhookProvider;
  outcome?: WebhookOutcome;
}

/**
 * Storage of webhook deliveries and their effect on `deployments`.
 *
 * @internal
 */
export interface WebhookStore {
  /**
   * Deletes deliveries received before `before` that are done with
   * (processed, rejected, ignored or failed; never pending ones) and
   * resolves with how many.
   */
  pruneDeliveries(before: Date): Promise<number>;
  /**
   * Inserts the delivery unless one with its provider and key exists
   * (committed when this resolves). `created: false` is a redelivery, with
   * the outcome of the stored one.
   */
  recordDelivery(
    delivery: NewDelivery,
  ): Promise<{ id: number; created: boolean; outcome: WebhookOutcome }>;
  getDelivery(id: number): Promise<StoredDelivery | undefined>;
  listDeliveries(
    filter: DeliveryFilter,
    page: PageQuery,
  ): Promise<{ items: WebhookDelivery[]; totalCount: number }>;
  /** Ids of pending deliveries, oldest first. */
  pendingDeliveryIds(limit: number): Promise<number[]>;
  /**
   * In one transaction: locks the delivery if it is still pending (skipping
   * it when another worker holds it), applies `update` to `deployments`
   * (insert, or update by external id following the state rules), appends
   * the audit row and marks the delivery processed (or ignored when
   * `update` is an ignore reason). Returns undefined when the delivery was
   * not pending or was locked elsewhere.
   */
  applyDelivery(
    id: number,
    result: ApplyResult,
  ): Promise<{ change: DeploymentChange | null } | undefined>;
  /**
   * The stored deliveries among `ids` (with payloads), in id order.
   */
  getDeliveries(ids: number[]): Promise<StoredDelivery[]>;
  /**
   * {@link WebhookStore.applyDelivery} for many deliveries in ONE
   * transaction (one commit): locks those of `entries` that are still
   * pending (skipping any another worker holds), applies them in id order
   * and marks them processed or ignored. Returns the ones it applied, with
   * their change. Throws, changing nothing, when any of them fails; the
   * caller then applies them one by one.
   */
  applyDeliveries(entries: ApplyEntry[]): Promise<AppliedEntry[]>;
  /**
   * Records a failed attempt; after `maxAttempts` the delivery is `failed`.
   */
  recordAttemptFailure(
    id: number,
    error: string,
    maxAttempts: number,
  ): Promise<void>;
}
