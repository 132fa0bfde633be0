import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { AuthenticationError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  DEPLOYMENT_SERVICE_ANNOTATION,
  DeploymentSignal,
  deploymentSignalChannel,
  WebhookOutcome,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import {
  DeliveryFilter,
  DeploymentChange,
  WebhookStore,
} from '../database/WebhookStore';
import { bodyKey } from '../webhooks/common';
import { WEBHOOK_PROVIDERS } from '../webhooks/providers';
import {
  DeploymentUpdate,
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

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/** How often a failing delivery is retried before it is `failed`. */
const MAX_ATTEMPTS = 5;
/** Deliveries processed at once right after they are answered. */
const CONCURRENCY = 4;
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
  private readonly queue: number[] = [];
  private readonly queued = new Set<number>();
  private running = 0;
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
  }) {
    this.store = options.store;
    this.secrets = options.secrets;
    this.githubWorkflowEnvironments = options.githubWorkflowEnvironments ?? {};
    this.logger = options.logger;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.auditor = options.auditor;
    this.signals = options.signals;
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
      await this.store.recordDelivery({
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
    const stored = await this.store.recordDelivery({
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
      this.enqueue(stored.id);
    }
    return {
      status: 202,
      body: {
        status: outcome === 'ignored' ? 'ignored' : 'accepted',
        deliveryId: stored.id,
      },
    };
  }

  async listDeliveries(filter: DeliveryFilter, page: PageQuery) {
    const { items, totalCount } = await this.store.listDeliveries(filter, page);
    return toPage(items, totalCount, page);
  }

  /** Processes a delivery soon, a few at a time, without waiting for it. */
  private enqueue(id: number) {
    if (this.queued.has(id)) {
      return;
    }
    this.queued.add(id);
    this.queue.push(id);
    this.drain();
  }

  private drain() {
    while (this.running < CONCURRENCY && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.running += 1;
      this.process(id)
        .catch(error =>
          this.logger?.error(`Webhook delivery ${id} failed: ${error}`),
        )
        .finally(() => {
          this.running -= 1;
          this.queued.delete(id);
          this.drain();
        });
    }
    if (this.running === 0 && this.queue.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach(resolve => resolve());
    }
  }

  /** Resolves once every delivery queued after its answer is processed. */
  async idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) {
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
    for (const id of ids) {
      if (this.queued.has(id)) {
        continue; // being processed right after its answer
      }
      await this.process(id).catch(error =>
        this.logger?.error(`Webhook delivery ${id} failed: ${error}`),
      );
    }
    return ids.length;
  }

  /** Applies one pending delivery; a no-op when it is not pending. */
  async process(id: number): Promise<void> {
    const delivery = await this.store.getDelivery(id);
    if (!delivery || delivery.outcome !== 'pending') {
      return;
    }
    const actor = `webhook:${delivery.provider}`;
    let change: DeploymentChange | null = null;
    let reason = '';
    try {
      // the same interpretation as at receipt: the stored payload, and the
      // stored receipt time for deployments that give no start
      const interpretation = WEBHOOK_PROVIDERS[delivery.provider].interpret(
        delivery.event,
        delivery.payload,
        {
          githubWorkflowEnvironments: this.githubWorkflowEnvironments,
          receivedAt: new Date(delivery.receivedAt),
        },
      );
      let result: Parameters<WebhookStore['applyDelivery']>[1];
      if (interpretation.kind === 'deployment') {
        reason = `${delivery.provider} ${delivery.event} reported ${interpretation.update.status} (delivery ${delivery.deliveryKey})`;
        result = {
          kind: 'deployment',
          update: await this.resolveService(interpretation.update),
          origin: { actor, reason },
        };
      } else {
        result = interpretation;
      }
      const applied = await this.store.applyDelivery(id, result);
      change = applied?.change ?? null;
    } catch (error) {
      const message =
        error instanceof MalformedDeliveryError
          ? `Malformed ${delivery.provider} delivery: ${error.message}`
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
      throw error;
    }
    if (change) {
      await this.announce(change, actor, delivery.provider, id, reason);
    }
  }

  /**
   * The service of a GitHub or GitLab deployment: the catalog Component
   * whose project-slug annotation names the repository (its
   * `opshub.io/deployment-service`, else its name), else what the payload
   * says. The catalog's answer is reused for a minute.
   */
  private async resolveService(
    update: DeploymentUpdate,
  ): Promise<DeploymentUpdate> {
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
    try {
      const signal: DeploymentSignal = {
        type: 'deployment.changed',
        service: after.service,
        environment: after.environment,
        deploymentId: after.id,
        status: after.status,
      };
      await this.signals?.publish({
        recipients: { type: 'broadcast' },
        channel: deploymentSignalChannel(after.service),
        message: signal as unknown as SignalMessage,
      });
    } catch (error) {
      this.logger?.warn(
        `Could not publish the change of deployment ${after.id}: ${error}`,
      );
    }
  }
}
