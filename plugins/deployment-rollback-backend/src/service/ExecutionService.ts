import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { publishDeploymentChange } from './deploymentSignals';
import {
  DEPLOYMENT_SERVICE_ANNOTATION,
  Deployment,
  RollbackBlockReason,
  RollbackTargetInfo,
} from '@opshub/plugin-deployment-rollback-common';
import {
  ConfiguredEnvironment,
  DeploymentExecutor,
  ExecutorResult,
  ExecutorState,
  isExecutorRefusedError,
} from '@opshub/plugin-deployment-rollback-node';
import {
  DeploymentStore,
  NewAuditEntry,
  StoredChange,
} from '../database/DeploymentStore';
import { createDeploymentMetrics, DeploymentMetrics } from './metrics';

/** A refusal with the reason the rollback-target route reports. */
export class RefusalError extends ConflictError {
  constructor(readonly reason: RollbackBlockReason, message: string) {
    super(message);
  }
}

/** How many in-flight deployments one poll looks at. */
const POLL_BATCH = 200;

/**
 * Triggers and rollbacks through the environments' executors, their
 * refusals, their audit trail, and the polling of outcomes and timeouts.
 *
 * @internal
 */
export class ExecutionService {
  private readonly store: DeploymentStore;
  private readonly environments: Map<string, ConfiguredEnvironment>;
  private readonly catalog?: CatalogService;
  private readonly auth?: AuthService;
  private readonly auditor?: AuditorService;
  private readonly signals?: SignalsService;
  private readonly logger?: LoggerService;
  private readonly callbackUrl?: string;
  private readonly timeoutMs: number;
  private readonly metrics: DeploymentMetrics;

  constructor(options: {
    store: DeploymentStore;
    environments: ConfiguredEnvironment[];
    /** The signed generic status webhook, given to executors. */
    callbackUrl?: string;
    timeoutMinutes: number;
    catalog?: CatalogService;
    auth?: AuthService;
    auditor?: AuditorService;
    signals?: SignalsService;
    logger?: LoggerService;
    metrics?: DeploymentMetrics;
  }) {
    this.metrics = options.metrics ?? createDeploymentMetrics();
    this.store = options.store;
    this.environments = new Map(options.environments.map(e => [e.name, e]));
    this.callbackUrl = options.callbackUrl;
    this.timeoutMs = options.timeoutMinutes * 60_000;
    this.catalog = options.catalog;
    this.auth = options.auth;
    this.auditor = options.auditor;
    this.signals = options.signals;
    this.logger = options.logger;
  }

  /**
   * The entity ref a trigger or rollback is authorized against: the
   * Component annotated `opshub.io/deployment-service: <service>`, else
   * `component:default/<service>`.
   */
  async owningEntityRef(service: string): Promise<string> {
    if (this.catalog && this.auth) {
      let items: Array<{ metadata: { name: string; namespace?: string } }> = [];
      try {
        ({ items } = await this.catalog.getEntities(
          {
            filter: {
              kind: 'Component',
              [`metadata.annotations.${DEPLOYMENT_SERVICE_ANNOTATION}`]:
                service,
            },
            fields: ['kind', 'metadata.namespace', 'metadata.name'],
            limit: 1,
          },
          { credentials: await this.auth.getOwnServiceCredentials() },
        ));
      } catch (error) {
        // no catalog to ask: the policy decides on the default ref (a
        // conditional decision is checked by the catalog itself)
        this.logger?.warn(
          `Could not look up the owner of ${service} in the catalog, using component:default/${service}: ${
            (error as Error).message
          }`,
        );
      }
      const entity = items[0];
      if (entity) {
        return `component:${entity.metadata.namespace ?? 'default'}/${
          entity.metadata.name
        }`.toLocaleLowerCase('en-US');
      }
    }
    return `component:default/${service}`.toLocaleLowerCase('en-US');
  }

  /** The environment, which must be configured. */
  private environment(name: string): ConfiguredEnvironment {
    const environment = this.environments.get(name);
    if (!environment) {
      throw new NotFoundError(
        `environment: '${name}' is not a configured environment (deploymentRollback.environments)`,
      );
    }
    return environment;
  }

  private executorOf(environment: ConfiguredEnvironment): DeploymentExecutor {
    if (!environment.executor) {
      throw new RefusalError(
        'no_executor',
        `No executor is configured for ${environment.name}; deployments there cannot be started from OpsHub`,
      );
    }
    return environment.executor;
  }

  /** What a rollback would restore now, and why it cannot start. */
  async rollbackTarget(
    service: string,
    environmentName: string,
  ): Promise<RollbackTargetInfo> {
    const environment = this.environment(environmentName);
    const current =
      (await this.store.latestSucceeded(service, environmentName)) ?? null;
    const target = current
      ? (await this.store.latestSucceeded(service, environmentName, current)) ??
        null
      : null;
    const blocked = (reason: RollbackBlockReason, message: string) => ({
      target,
      current,
      blocked: { reason, message },
    });
    if (environment.autoSync) {
      return blocked('auto_sync', autoSyncMessage(environmentName));
    }
    if (!environment.executor) {
      return blocked(
        'no_executor',
        `No executor is configured for ${environmentName}`,
      );
    }
    const inFlight = await this.store.inFlight(service, environmentName);
    if (inFlight) {
      return blocked('in_flight', inFlightMessage(inFlight));
    }
    if (!target) {
      return blocked('no_target', noTargetMessage(service, environmentName));
    }
    return { target, current, blocked: null };
  }

  async trigger(options: {
    service: string;
    environment: string;
    version: string;
    reason?: string;
    actor: string;
  }): Promise<Deployment> {
    const { service, version, actor } = options;
    const environment = this.environment(options.environment);
    const reason = options.reason ?? null;
    return this.refusing(
      'trigger',
      service,
      environment.name,
      actor,
      async () => {
        const executor = this.executorOf(environment);
        const created = await this.store.startDeployment(
          {
            service,
            environment: environment.name,
            version,
            source: 'trigger',
            rollbackOf: null,
            triggeredBy: actor,
            reason,
            commitSha: null,
          },
          deployment => ({
            deploymentId: deployment.id,
            service,
            environment: environment.name,
            actor,
            action: 'deployment.triggered',
            reason,
            before: null,
            after: { status: deployment.status, version },
          }),
        );
        await this.announce(
          'deployment.triggered',
          actor,
          reason,
          null,
          created,
        );
        return this.execute(executor, created, actor, () =>
          executor.deploy({
            deploymentId: created.id,
            service,
            environment: environment.name,
            actor,
            version,
            reason: reason ?? undefined,
            callbackUrl: this.callbackUrl,
          }),
        );
      },
    );
  }

  async rollback(options: {
    service: string;
    environment: string;
    reason: string;
    targetDeploymentId?: number;
    actor: string;
  }): Promise<Deployment> {
    const { service, reason, actor } = options;
    const environment = this.environment(options.environment);
    return this.refusing(
      'rollback',
      service,
      environment.name,
      actor,
      async () => {
        if (environment.autoSync) {
          throw new RefusalError(
            'auto_sync',
            autoSyncMessage(environment.name),
          );
        }
        const executor = this.executorOf(environment);
        const current = await this.store.latestSucceeded(
          service,
          environment.name,
        );
        let target: Deployment | undefined;
        if (options.targetDeploymentId !== undefined) {
          target = await this.explicitTarget(
            service,
            environment.name,
            options.targetDeploymentId,
            current,
          );
        } else {
          target = current
            ? await this.store.latestSucceeded(
                service,
                environment.name,
                current,
              )
            : undefined;
        }
        if (!target) {
          throw new RefusalError(
            'no_target',
            noTargetMessage(service, environment.name),
          );
        }
        const restored = target;
        const created = await this.store.startDeployment(
          {
            service,
            environment: environment.name,
            version: restored.version,
            source: 'rollback',
            rollbackOf: restored.id,
            triggeredBy: actor,
            reason,
            commitSha: restored.commitSha,
          },
          deployment => ({
            deploymentId: deployment.id,
            service,
            environment: environment.name,
            actor,
            action: 'deployment.rollback',
            reason,
            before: current
              ? { status: current.status, version: current.version }
              : null,
            after: { status: deployment.status, version: restored.version },
          }),
        );
        await this.announce(
          'deployment.rollback',
          actor,
          reason,
          null,
          created,
        );
        return this.execute(executor, created, actor, () =>
          executor.rollback({
            deploymentId: created.id,
            service,
            environment: environment.name,
            actor,
            version: current?.version ?? restored.version,
            target: {
              deploymentId: restored.id,
              version: restored.version,
              externalId: restored.externalId ?? undefined,
            },
            reason,
            callbackUrl: this.callbackUrl,
          }),
        );
      },
    );
  }

  private async explicitTarget(
    service: string,
    environment: string,
    id: number,
    current: Deployment | undefined,
  ): Promise<Deployment> {
    const target = await this.store.getDeployment(id);
    if (
      !target ||
      target.service !== service ||
      target.environment !== environment
    ) {
      throw new InputError(
        `targetDeploymentId: deployment ${id} is not a deployment of ${service} in ${environment}`,
      );
    }
    if (target.status !== 'succeeded') {
      throw new RefusalError(
        'no_target',
        `targetDeploymentId: deployment ${id} (${target.version}) is ${target.status}; only a succeeded deployment can be restored`,
      );
    }
    if (current && current.id === target.id) {
      throw new RefusalError(
        'no_target',
        `targetDeploymentId: deployment ${id} (${target.version}) is the one running now`,
      );
    }
    return target;
  }

  /** Audits a 409 refusal (and sends it to the auditor), then rethrows. */
  private async refusing<T>(
    kind: 'trigger' | 'rollback',
    service: string,
    environment: string,
    actor: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await fn();
      const failed = (result as Deployment | undefined)?.status === 'failed';
      this.metrics.executions.add({
        kind,
        outcome: failed ? 'failed' : 'started',
      });
      return result;
    } catch (error) {
      const refused =
        error instanceof ConflictError || isExecutorRefusedError(error);
      this.metrics.executions.add({
        kind,
        outcome: refused ? 'refused' : 'error',
      });
      if (refused) {
        const message = `${kind} refused: ${(error as Error).message}`;
        try {
          await this.store.appendAudit({
            deploymentId: null,
            service,
            environment,
            actor,
            action: 'deployment.refused',
            reason: message,
            before: null,
            after: null,
          });
          const event = await this.auditor?.createEvent({
            eventId: 'deployment-refused',
            severityLevel: 'medium',
            meta: { kind, actor, service, environment, reason: message },
          });
          await event?.success();
        } catch (auditError) {
          this.logger?.warn(
            `Could not audit the refused ${kind} of ${service} in ${environment}: ${auditError}`,
          );
        }
      }
      throw error;
    }
  }

  /**
   * Calls the executor after the deployment row is committed: records its
   * id and link, or marks the deployment failed with the executor's message.
   * A refusal of the executor fails the deployment too, and answers 409.
   */
  private async execute(
    executor: DeploymentExecutor,
    created: Deployment,
    actor: string,
    call: () => Promise<ExecutorResult>,
  ): Promise<Deployment> {
    let result: ExecutorResult;
    try {
      result = await call();
    } catch (error) {
      const message = isExecutorRefusedError(error)
        ? (error as Error).message
        : `The ${executor.id} executor failed: ${(error as Error).message}`;
      await this.fail(created.id, message, actor, 'deployment.executor_failed');
      throw isExecutorRefusedError(error)
        ? error
        : new ServiceUnavailableError(message);
    }
    if (!result.accepted) {
      const failed = await this.fail(
        created.id,
        `The ${executor.id} executor could not start it (${result.code}): ${result.message}`,
        actor,
        'deployment.executor_failed',
      );
      return failed ?? created;
    }
    const recorded = await this.store.recordExecution(created.id, {
      executorRef: result.externalId ?? String(created.id),
      // the key the signed generic status webhook names the run by
      externalId:
        executor.id === 'generic'
          ? `generic:${result.externalId ?? created.id}`
          : undefined,
      url: result.url,
    });
    return recorded ?? created;
  }

  private async fail(
    id: number,
    message: string,
    actor: string,
    action: 'deployment.executor_failed' | 'deployment.timed_out',
  ): Promise<Deployment | undefined> {
    const change = await this.store.finishInFlight(
      id,
      { status: 'failed', message },
      auditOf(actor, action, message),
    );
    if (change) {
      await this.announce(action, actor, message, change.before, change.after);
    }
    return change?.after;
  }

  /**
   * One round of the outcome poller: asks the executors that have
   * `status()` about the in-flight deployments they started, and fails
   * every in-flight deployment that reported nothing before its timeout.
   */
  async poll(now = new Date()): Promise<void> {
    const inFlight = await this.store.listInFlight(POLL_BATCH);
    for (const deployment of inFlight) {
      try {
        await this.pollOne(deployment, now);
      } catch (error) {
        this.logger?.warn(
          `Could not poll deployment ${deployment.id}: ${
            (error as Error).message
          }`,
        );
      }
    }
  }

  private async pollOne(deployment: Deployment, now: Date) {
    const executor = this.environments.get(deployment.environment)?.executor;
    const started =
      deployment.source === 'trigger' || deployment.source === 'rollback';
    if (started && executor?.status && deployment.externalId) {
      let state: ExecutorState | undefined;
      let message: string | undefined;
      try {
        ({ state, message } = await executor.status(deployment.externalId));
      } catch (error) {
        this.logger?.debug?.(
          `status() of deployment ${deployment.id}: ${
            (error as Error).message
          }`,
        );
      }
      if (state && state !== deployment.status) {
        const reason = `${executor.id} reported ${state}${
          message ? `: ${message}` : ''
        }`;
        const change = await this.store.finishInFlight(
          deployment.id,
          { status: state, message: message ?? null },
          auditOf('system', 'deployment.status_polled', reason),
        );
        if (change) {
          await this.announce(
            'deployment.status_polled',
            'system',
            reason,
            change.before,
            change.after,
          );
          if (state === 'succeeded' || state === 'failed') return;
        }
      }
    }
    const startedAt = new Date(deployment.startedAt).getTime();
    if (now.getTime() - startedAt >= this.timeoutMs) {
      await this.fail(
        deployment.id,
        `No outcome was reported within ${Math.round(
          this.timeoutMs / 60_000,
        )} minutes (deploymentRollback.deploymentTimeoutMinutes)`,
        'system',
        'deployment.timed_out',
      );
    }
  }

  /** The auditor event and live signal of a committed change. Never throws. */
  private async announce(
    action: string,
    actor: string,
    reason: string | null,
    before: Deployment | null,
    after: Deployment,
  ) {
    try {
      const event = await this.auditor?.createEvent({
        eventId: 'deployment-change',
        severityLevel: 'medium',
        meta: {
          action,
          actor,
          reason,
          deploymentId: after.id,
          service: after.service,
          environment: after.environment,
          version: after.version,
          rollbackOf: after.rollbackOf,
          before: before ? { status: before.status } : null,
          after: { status: after.status },
        },
      });
      await event?.success();
    } catch (error) {
      this.logger?.warn(`Could not audit deployment ${after.id}: ${error}`);
    }
    await publishDeploymentChange(this.signals, this.logger, after);
  }
}

function auditOf(
  actor: string,
  action: NewAuditEntry['action'],
  reason: string,
) {
  return ({ before, after }: StoredChange): NewAuditEntry => ({
    deploymentId: after.id,
    service: after.service,
    environment: after.environment,
    actor,
    action,
    reason,
    before: { status: before.status, version: before.version },
    after: { status: after.status, version: after.version },
  });
}

function autoSyncMessage(environment: string) {
  return `${environment} is GitOps auto-synced: a rollback outside Git would be undone by the next sync; revert the change in Git instead`;
}

function inFlightMessage(deployment: Deployment) {
  return `Deployment ${deployment.id} (${deployment.version}) of ${
    deployment.service
  } to ${deployment.environment} is still ${deployment.status.replace(
    '_',
    ' ',
  )}`;
}

function noTargetMessage(service: string, environment: string) {
  return `There is no earlier good deployment of ${service} in ${environment} to roll back to`;
}
