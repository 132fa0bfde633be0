import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { publishDeploymentChange } from './deploymentSignals';
import {
  DEPLOYMENT_SERVICE_ANNOTATION,
  WebhookOutcome,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import {
  ApplyEntry,
  ApplyResult,
  DeliveryFilter,
  DeploymentChange,
  StoredDelivery,
  WebhookStore,
} from '../database/WebhookStore';
import { bodyKey } from '../webhooks/common';
import { WEBHOOK_PROVIDERS } from '../webhooks/providers';
import { createDeploymentMetrics, DeploymentMetrics } from './metrics';
import {
  DeploymentUpdate,
  Interpretation,
  MalformedDeliveryError,
  WebhookRequest,
} from '../webhooks/types';

/** Secrets per provider; a provider without one is not configured. @internal */
export type WebhookSecrets = Partial<Record<WebhookProvider, string>>;

/**
 * How `POST /webhooks/:provider` answers: 202 for a new delivery (pending or
 * ignored), 200 for a redelivery, 400 for a malformed one (stored as
 * rejected).
 *
 * @internal
 */
export type ReceiveResult =
  | {
      status: 202;
      body: { status: 'accepted' | 'ignored'; deliveryId: number };
    }
  | { status: 200; body: { status: 'duplicate'; deliveryId: number } }
  | { status: 400; message: string };

/** How often a failing delivery is retried before it is `failed`. */
const MAX_ATTEMPTS = 5;
/**
 * The most deliveries applied in one transaction. Deliveries answered while
 * a batch is being applied wait for the next one, so a burst costs a commit
 * per batch instead of one per delivery.
 */
const BATCH_SIZE = 200;

/** A delivery to apply: what was read at receipt, or from the table. */
interface QueuedDelivery {
  id: number;
  provider: WebhookProvider;
  event: string;
  deliveryKey: string;
  interpretation: Interpretation;
}
/** How long a repository → service answer of the catalog is reused. */
const SERVICE_CACHE_MS = 60_000;
const SERVICE_CACHE_SIZE = 1_000;

/**
 * Receives webhook deliveries into the durable `webhook_deliveries` table
 * and applies them to `deployments`: at once after the answer, and from the
 * scheduled sweep for anything left pending (a crash, a restart, a failure).
 *
 * @internal
 */
export class WebhookService {
  private readonly store: WebhookStore;
  private readonly secrets: WebhookSecrets;
  private readonly githubWorkflowEnvironments: Record<string, string>;
  private readonly logger?: LoggerService;
  private readonly catalog?: CatalogService;
  private readonly auth?: AuthService;
  private readonly auditor?: AuditorService;
  private readonly signals?: SignalsService;
  private readonly onPreviewRequested?: () => void;
  private readonly queue: QueuedDelivery[] = [];
  private readonly metrics: DeploymentMetrics;
  private readonly queued = new Set<number>();
  private running = false;
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  /** Catalog answers per repository, for a burst of deliveries. */
  private readonly serviceCache = new Map<
    string,
    { service: string | null; expires: number }
  >();

  constructor(options: {
    store: WebhookStore;
    secrets: WebhookSecrets;
    githubWorkflowEnvironments?: Record<string, string>;
    logger?: LoggerService;
    catalog?: CatalogService;
    auth?: AuthService;
    auditor?: AuditorService;
    signals?: SignalsService;
    /** Called after a batch that asked for previews to change. */
    onPreviewRequested?: () => void;
    metrics?: DeploymentMetrics;
  }) {
    this.metrics = options.metrics ?? createDeploymentMetrics();
    this.store = options.store;
    this.secrets = options.secrets;
    this.githubWorkflowEnvironments = options.githubWorkflowEnvironments ?? {};
    this.logger = options.logger;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.auditor = options.auditor;
    this.signals = options.signals;
    this.onPreviewRequested = options.onPreviewRequested;
  }

  /**
   * Verifies and stores one delivery. Throws 404 when the provider has no
   * secret configured and 401 when the signature or token is missing or
   * wrong; in both cases nothing is stored.
   */
  async receive(
    provider: WebhookProvider,
    request: WebhookRequest,
  ): Promise<ReceiveResult> {
    try {
      const result = await this.receiveDelivery(provider, request);
      this.metrics.deliveries.add({ provider, outcome: outcomeOf(result) });
      return result;
    } catch (error) {
      let outcome: 'not_configured' | 'unauthorized' | 'error' = 'error';
      if (error instanceof NotFoundError) outcome = 'not_configured';
      if (error instanceof AuthenticationError) outcome = 'unauthorized';
      this.metrics.deliveries.add({ provider, outcome });
      throw error;
    }
  }

  private async receiveDelivery(
    provider: WebhookProvider,
    request: WebhookRequest,
  ): Promise<ReceiveResult> {
    const spec = WEBHOOK_PROVIDERS[provider];
    const secret = this.secrets[provider];
    if (!secret) {
      throw new NotFoundError(`Webhook provider ${provider} is not configured`);
    }
    if (!spec.authenticate(request, secret)) {
      throw new AuthenticationError(
        `Missing or invalid ${spec.authHeader} for the ${provider} webhook`,
      );
    }
    const receivedAt = new Date();

    // read what can be read even from a malformed delivery, so that a
    // rejected one is stored under its own key and event
    let problem: MalformedDeliveryError | undefined;
    const attempt = <T>(step: () => T, fallback: T): T => {
      try {
        return step();
      } catch (error) {
        if (!(error instanceof MalformedDeliveryError)) {
          throw error;
        }
        problem = problem ?? error;
        return fallback;
      }
    };
    const payload = attempt(() => spec.parseBody(request), null);
    const event = attempt(
      () => spec.eventOf(request, payload ?? {}),
      'unknown',
    );
    const key = attempt(
      () => spec.deliveryKey(request, payload ?? {}),
      bodyKey(request.rawBody),
    );
    const interpretation = problem
      ? undefined
      : attempt(
          () =>
            spec.interpret(event, payload, {
              githubWorkflowEnvironments: this.githubWorkflowEnvironments,
              receivedAt,
            }),
          undefined,
        );
    if (problem || !interpretation) {
      const message = `Malformed ${provider} delivery: ${problem?.message}`;
      await this.recordDelivery({
        provider,
        deliveryKey: key,
        event,
        outcome: 'rejected',
        error: message,
        payload,
        receivedAt,
      });
      return { status: 400, message };
    }

    const outcome: WebhookOutcome =
      interpretation.kind === 'ignored' ? 'ignored' : 'pending';
    const stored = await this.recordDelivery({
      provider,
      deliveryKey: key,
      event,
      outcome,
      error: interpretation.kind === 'ignored' ? interpretation.reason : null,
      payload,
      receivedAt,
    });
    if (!stored.created) {
      return {
        status: 200,
        body: { status: 'duplicate', deliveryId: stored.id },
      };
    }
    if (outcome === 'pending') {
      // applied after the answer, with the interpretation made here; the
      // row stays pending until then, so the sweep finds it after a crash
      this.enqueue({
        id: stored.id,
        provider,
        event,
        deliveryKey: key,
        interpretation,
      });
    }
    return {
      status: 202,
      body: {
        status: outcome === 'ignored' ? 'ignored' : 'accepted',
        deliveryId: stored.id,
      },
    };
  }

  /**
   * Stores a delivery; 503 when it cannot (the database is down or
   * failing), so that the sender knows nothing was stored and retries.
   */
  private async recordDelivery(
    delivery: Parameters<WebhookStore['recordDelivery']>[0],
  ) {
    try {
      return await this.store.recordDelivery(delivery);
    } catch (error) {
      this.logger?.warn(
        `Could not store ${delivery.provider} webhook delivery ${delivery.deliveryKey}: ${error}`,
      );
      throw new ServiceUnavailableError(
        'The delivery could not be stored; nothing was recorded, retry later',
      );
    }
  }

  async listDeliveries(filter: DeliveryFilter, page: PageQuery) {
    const { items, totalCount } = await this.store.listDeliveries(filter, page);
    return toPage(items, totalCount, page);
  }

  /** Applies a delivery soon, in a batch, without waiting for it. */
  private enqueue(delivery: QueuedDelivery) {
    if (this.queued.has(delivery.id)) {
      return;
    }
    this.queued.add(delivery.id);
    this.queue.push(delivery);
    if (!this.scheduled) {
      // let the deliveries answered in this turn of the event loop join
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.drain();
      });
    }
  }

  private drain() {
    if (this.running || this.scheduled) {
      return;
    }
    if (this.queue.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach(resolve => resolve());
      return;
    }
    this.running = true;
    const batch = this.queue.splice(0, BATCH_SIZE);
    this.processBatch(batch)
      .catch(error =>
        this.logger?.error(
          `A batch of ${batch.length} webhook deliveries failed: ${error}`,
        ),
      )
      .finally(() => {
        batch.forEach(delivery => this.queued.delete(delivery.id));
        this.running = false;
        this.drain();
      });
  }

  /** Resolves once every delivery queued after its answer is processed. */
  async idle(): Promise<void> {
    if (!this.running && !this.scheduled && this.queue.length === 0) {
      return;
    }
    await new Promise<void>(resolve => this.idleWaiters.push(resolve));
  }

  /**
   * Applies every pending delivery, oldest first: the scheduled task that
   * picks up whatever a crash or a failure left behind. Returns how many it
   * looked at.
   */
  async sweep(limit = 200): Promise<number> {
    const ids = await this.store.pendingDeliveryIds(limit);
    // those queued after their answer are being applied already
    const stored = await this.store.getDeliveries(
      ids.filter(id => !this.queued.has(id)),
    );
    const batch: QueuedDelivery[] = [];
    for (const delivery of stored) {
      if (delivery.outcome !== 'pending') {
        continue;
      }
      try {
        batch.push({
          id: delivery.id,
          provider: delivery.provider,
          event: delivery.event,
          deliveryKey: delivery.deliveryKey,
          interpretation: this.interpretStored(delivery),
        });
      } catch (error) {
        await this.recordFailure(delivery.id, delivery.provider, error);
      }
    }
    for (let i = 0; i < batch.length; i += BATCH_SIZE) {
      await this.processBatch(batch.slice(i, i + BATCH_SIZE));
    }
    return ids.length;
  }

  /**
   * The same interpretation as at receipt: the stored payload, and the
   * stored receipt time for deployments that give no start.
   */
  private interpretStored(delivery: StoredDelivery): Interpretation {
    return WEBHOOK_PROVIDERS[delivery.provider].interpret(
      delivery.event,
      delivery.payload,
      {
        githubWorkflowEnvironments: this.githubWorkflowEnvironments,
        receivedAt: new Date(delivery.receivedAt),
      },
    );
  }

  /** What applying a delivery means, with the catalog's service. */
  private async resultOf(delivery: QueuedDelivery): Promise<ApplyResult> {
    const { interpretation } = delivery;
    if (interpretation.kind === 'preview') {
      const { preview } = interpretation;
      return {
        kind: 'preview',
        preview: await this.resolveService(preview),
        origin: {
          actor: `webhook:${delivery.provider}`,
          reason: `${delivery.provider} ${delivery.event} asked to ${preview.action} the preview of #${preview.pullRequest} (delivery ${delivery.deliveryKey})`,
        },
      };
    }
    if (interpretation.kind !== 'deployment') {
      return interpretation;
    }
    return {
      kind: 'deployment',
      update: await this.resolveService(interpretation.update),
      origin: {
        actor: `webhook:${delivery.provider}`,
        reason: `${delivery.provider} ${delivery.event} reported ${interpretation.update.status} (delivery ${delivery.deliveryKey})`,
      },
    };
  }

  /**
   * Applies a batch in one transaction. When that fails (one bad delivery,
   * a deadlock, the database going away), each delivery is applied on its
   * own so that one failure cannot hold back the others, and the failures
   * are recorded per delivery.
   */
  private async processBatch(batch: QueuedDelivery[]): Promise<void> {
    const entries: ApplyEntry[] = [];
    const byId = new Map<number, QueuedDelivery>();
    for (const delivery of batch) {
      try {
        entries.push({
          id: delivery.id,
          result: await this.resultOf(delivery),
        });
        byId.set(delivery.id, delivery);
      } catch (error) {
        await this.recordFailure(delivery.id, delivery.provider, error);
      }
    }
    let applied;
    try {
      applied = await this.store.applyDeliveries(entries);
    } catch (error) {
      if (entries.length > 1) {
        this.logger?.warn(
          `A batch of ${entries.length} webhook deliveries failed (${error}); applying them one by one`,
        );
      }
      for (const entry of entries) {
        await this.process(entry.id).catch(failure =>
          this.logger?.error(`Webhook delivery ${entry.id} failed: ${failure}`),
        );
      }
      return;
    }
    if (applied.some(entry => entry.preview)) {
      this.onPreviewRequested?.();
    }
    for (const { id, change } of applied) {
      const entry = entries.find(e => e.id === id);
      if (change && entry?.result.kind === 'deployment') {
        await this.announce(
          change,
          entry.result.origin.actor,
          byId.get(id)!.provider,
          id,
          entry.result.origin.reason,
        );
      }
    }
  }

  /** Records a failed attempt; a failing database leaves it pending. */
  private async recordFailure(
    id: number,
    provider: WebhookProvider,
    error: unknown,
  ) {
    const message =
      error instanceof MalformedDeliveryError
        ? `Malformed ${provider} delivery: ${error.message}`
        : String(error instanceof Error ? error.message : error);
    try {
      await this.store.recordAttemptFailure(
        id,
        message,
        error instanceof MalformedDeliveryError ? 1 : MAX_ATTEMPTS,
      );
    } catch (recordError) {
      // the database itself is failing: the delivery stays pending and
      // the next sweep tries again
      this.logger?.warn(
        `Could not record the failure of webhook delivery ${id}: ${recordError}`,
      );
    }
    this.logger?.error(`Webhook delivery ${id} failed: ${message}`);
  }

  /** Applies one pending delivery; a no-op when it is not pending. */
  async process(id: number): Promise<void> {
    const delivery = await this.store.getDelivery(id);
    if (!delivery || delivery.outcome !== 'pending') {
      return;
    }
    let result: ApplyResult;
    let change: DeploymentChange | null = null;
    try {
      result = await this.resultOf({
        id,
        provider: delivery.provider,
        event: delivery.event,
        deliveryKey: delivery.deliveryKey,
        interpretation: this.interpretStored(delivery),
      });
      const applied = await this.store.applyDelivery(id, result);
      change = applied?.change ?? null;
      if (applied && result.kind === 'preview') {
        this.onPreviewRequested?.();
      }
    } catch (error) {
      await this.recordFailure(id, delivery.provider, error);
      throw error;
    }
    if (change && result.kind === 'deployment') {
      await this.announce(
        change,
        result.origin.actor,
        delivery.provider,
        id,
        result.origin.reason,
      );
    }
  }

  /**
   * The service of a GitHub or GitLab deployment: the catalog Component
   * whose project-slug annotation names the repository (its
   * `opshub.io/deployment-service`, else its name), else what the payload
   * says. The catalog's answer is reused for a minute.
   */
  private async resolveService<
    T extends Pick<DeploymentUpdate, 'service' | 'catalogLookup'>,
  >(update: T): Promise<T> {
    if (!update.catalogLookup || !this.catalog || !this.auth) {
      return update;
    }
    const { annotation, value } = update.catalogLookup;
    const cacheKey = `${annotation}\u0000${value.toLocaleLowerCase('en-US')}`;
    const now = Date.now();
    let cached = this.serviceCache.get(cacheKey);
    if (!cached || cached.expires <= now) {
      const { items } = await this.catalog.getEntities(
        {
          filter: {
            kind: 'Component',
            [`metadata.annotations.${annotation}`]: value,
          },
          fields: ['metadata.name', 'metadata.annotations'],
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      const entity = [...items].sort((a, b) =>
        a.metadata.name.localeCompare(b.metadata.name),
      )[0];
      const service = entity
        ? (
            entity.metadata.annotations?.[DEPLOYMENT_SERVICE_ANNOTATION] ??
            entity.metadata.name
          ).slice(0, 255)
        : null;
      cached = { service, expires: now + SERVICE_CACHE_MS };
      if (this.serviceCache.size >= SERVICE_CACHE_SIZE) {
        this.serviceCache.clear();
      }
      this.serviceCache.set(cacheKey, cached);
    }
    return cached.service ? { ...update, service: cached.service } : update;
  }

  /** Audit log and live signal of a committed change. Never throws. */
  private async announce(
    change: DeploymentChange,
    actor: string,
    provider: WebhookProvider,
    deliveryId: number,
    reason: string,
  ) {
    const { after, before } = change;
    try {
      const event = await this.auditor?.createEvent({
        eventId: 'deployment-webhook',
        severityLevel: 'medium',
        meta: {
          action: change.action,
          actor,
          reason,
          provider,
          deliveryId,
          deploymentId: after.id,
          service: after.service,
          environment: after.environment,
          version: after.version,
          before: before ? { status: before.status } : null,
          after: { status: after.status },
        },
      });
      await event?.success();
    } catch (error) {
      this.logger?.warn(
        `Could not audit webhook delivery ${deliveryId}: ${error}`,
      );
    }
    await publishDeploymentChange(this.signals, this.logger, after);
  }
}

function outcomeOf(
  result: ReceiveResult,
): 'accepted' | 'ignored' | 'duplicate' | 'rejected' {
  return result.status === 400 ? 'rejected' : result.body.status;
}
