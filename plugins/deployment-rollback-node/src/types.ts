import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';

/**
 * What every executor request carries.
 *
 * @public
 */
export interface ExecutorRequestBase {
  /**
   * The id of the OpsHub deployment this request creates. Executors send it
   * as the correlation id (`deploymentId`, `deployment_id`), so the status
   * webhooks that come back can name it.
   */
  deploymentId: number;
  /** The service, as OpsHub names it (`opshub.io/deployment-service`). */
  service: string;
  /** The environment, as `deploymentRollback.environments` names it. */
  environment: string;
  /** Who asked: the user entity ref, or `service` for automation. */
  actor: string;
  /**
   * Where the deployer may report the outcome: OpsHub's signed generic
   * webhook (`/api/deployment-rollback/webhooks/generic`).
   */
  callbackUrl?: string;
}

/**
 * Deploy `version` of `service` to `environment`.
 *
 * @public
 */
export interface DeployRequest extends ExecutorRequestBase {
  /** The version to deploy. */
  version: string;
  /** Why, when the user gave a reason. */
  reason?: string;
}

/**
 * The earlier deployment a rollback restores.
 *
 * @public
 */
export interface RollbackTarget {
  /** Its OpsHub deployment id. */
  deploymentId: number;
  /** The version it deployed: the version to run again. */
  version: string;
  /** The id the executor gave it (a workflow run, an Argo CD application). */
  externalId?: string;
  /**
   * The Argo CD history id (`status.history[].id`) of that deployment. When
   * missing, the Argo CD executor looks the id up by revision.
   */
  argoHistoryId?: number;
}

/**
 * Roll `service` in `environment` back from `version` to `target.version`.
 *
 * @public
 */
export interface RollbackRequest extends ExecutorRequestBase {
  /** The version running now, which the rollback replaces. */
  version: string;
  /** The earlier good deployment to restore. */
  target: RollbackTarget;
  /** Why; required for every rollback. */
  reason: string;
}

/**
 * The executor accepted the request: the deployment is now queued or
 * running at the provider. Its outcome arrives later, through the status
 * webhooks or {@link DeploymentExecutor.status}.
 *
 * @public
 */
export interface ExecutorAccepted {
  accepted: true;
  /** The provider's id of the run, when it gives one. */
  externalId?: string;
  /** A link to the run at the provider, when known. */
  url?: string;
}

/**
 * Why an executor request failed.
 *
 * - `timeout`: the provider did not answer within the executor's timeout;
 * - `unreachable`: the connection failed (refused, DNS, TLS);
 * - `http_error`: the provider answered with an error status (`httpStatus`);
 * - `invalid_response`: the provider answered 2xx with something unreadable.
 *
 * @public
 */
export type ExecutorErrorCode =
  | 'timeout'
  | 'unreachable'
  | 'http_error'
  | 'invalid_response';

/**
 * The executor could not start the deployment. The message says what failed
 * (the provider's status and its message, truncated) and never carries a
 * token or secret.
 *
 * @public
 */
export interface ExecutorFailed {
  accepted: false;
  code: ExecutorErrorCode;
  message: string;
  /** The provider's HTTP status, for `http_error`. */
  httpStatus?: number;
}

/**
 * What {@link DeploymentExecutor.deploy} and
 * {@link DeploymentExecutor.rollback} resolve to.
 *
 * @public
 */
export type ExecutorResult = ExecutorAccepted | ExecutorFailed;

/**
 * A deployment's state as the provider reports it, in OpsHub's terms.
 *
 * @public
 */
export type ExecutorState = 'queued' | 'in_progress' | 'succeeded' | 'failed';

/**
 * What {@link DeploymentExecutor.status} resolves to.
 *
 * @public
 */
export interface ExecutorStatus {
  state: ExecutorState;
  /** The revision the provider is deploying or deployed, when it says. */
  revision?: string;
  /** The provider's own words (`Synced/Healthy, operation Succeeded`). */
  message?: string;
}

/**
 * Something that starts deployments and rollbacks at a CD provider.
 *
 * `deploy` and `rollback` resolve with {@link ExecutorResult}: accepted, or
 * failed with a reason. They reject only with
 * {@link ExecutorRefusedError} (the provider was not asked to do anything;
 * the backend answers 409) or on a programming error.
 *
 * @public
 */
export interface DeploymentExecutor {
  /** The executor type (`generic`, `github-actions`, `argocd`, ...). */
  readonly id: string;
  deploy(request: DeployRequest): Promise<ExecutorResult>;
  rollback(request: RollbackRequest): Promise<ExecutorResult>;
  /**
   * The current state of a deployment this executor started, by its
   * `externalId`. Executors whose provider reports only through webhooks
   * leave it out.
   */
  status?(externalId: string): Promise<ExecutorStatus>;
}

/**
 * What a {@link DeploymentExecutorFactory} gets to build the executor of
 * one environment.
 *
 * @public
 */
export interface DeploymentExecutorFactoryOptions {
  /** The environment's name. */
  environment: string;
  /**
   * The environment's `executor` block
   * (`deploymentRollback.environments[].executor`), `type` included.
   */
  config: Config;
  /** Where the block is, for error messages (`deploymentRollback.environments[2].executor`). */
  configPath: string;
  logger: LoggerService;
}

/**
 * Builds executors of one `type`: one per environment whose `executor.type`
 * names it.
 *
 * @public
 */
export interface DeploymentExecutorFactory {
  /** The `executor.type` it serves. */
  readonly type: string;
  create(options: DeploymentExecutorFactoryOptions): DeploymentExecutor;
}
