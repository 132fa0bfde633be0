import type { Page } from '@opshub/opshub-common';

/**
 * Where a deployment record came from: a status webhook, a deployment
 * triggered in OpsHub (`trigger`), a rollback started in OpsHub, or an
 * older manual record.
 *
 * @public
 */
export type DeploymentSource = 'webhook' | 'trigger' | 'manual' | 'rollback';

/**
 * Lifecycle of a deployment.
 *
 * @public
 */
export type DeploymentStatus =
  | 'queued'
  | 'in_progress'
  | 'succeeded'
  | 'failed'
  | 'rolled_back'
  /** Replaced by a newer deployment (GitHub's `inactive`). */
  | 'superseded';

/**
 * One deployment of a service version to an environment.
 *
 * @public
 */
export interface Deployment {
  id: number;
  service: string;
  environment: string;
  version: string;
  commitSha: string | null;
  status: DeploymentStatus;
  source: DeploymentSource;
  /** The deployment this one rolled back, when `source` is `rollback`. */
  rollbackOf: number | null;
  triggeredBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** The executor's or CI system's id of the run, when known. */
  externalId: string | null;
  /** A link to the run at the provider, when known. */
  url: string | null;
  /** Why it was triggered or rolled back, when the user said. */
  reason: string | null;
  /**
   * What happened, in words: why it failed (the executor's error, or
   * "reported nothing within 30 minutes"), or the provider's status message.
   */
  message: string | null;
}

/**
 * The version running in one environment: its latest successful deployment.
 *
 * @public
 */
export interface EnvironmentVersion {
  service: string;
  environment: string;
  version: string;
  deploymentId: number;
  deployedAt: string;
  /** The latest deployment, which may be newer and still running or failed. */
  latestStatus: DeploymentStatus;
  /**
   * The environment is GitOps auto-synced (`autoSync` in config): rollbacks
   * there are refused.
   */
  autoSync: boolean;
  /** The executor type configured for the environment, or null for none. */
  executor: string | null;
}

/**
 * A page of deployments, as every OpsHub list route returns it.
 *
 * @public
 */
export type DeploymentPage = Page<Deployment>;

/**
 * A CI/CD system that sends deployment webhooks to
 * `/api/deployment-rollback/webhooks/<provider>`.
 *
 * @public
 */
export type WebhookProvider = 'github' | 'gitlab' | 'argocd' | 'generic';

/**
 * What became of a webhook delivery: `pending` until the processor applies
 * it, then `processed`; `rejected` when its body was malformed, `ignored`
 * for events that do not describe a deployment, `failed` when applying it
 * kept failing.
 *
 * @public
 */
export type WebhookOutcome =
  | 'pending'
  | 'processed'
  | 'rejected'
  | 'ignored'
  | 'failed';

/**
 * One received webhook delivery, as `GET /deliveries` lists it. Neither its
 * payload nor its headers are ever returned.
 *
 * @public
 */
export interface WebhookDelivery {
  id: number;
  provider: WebhookProvider;
  /** The provider's delivery id, or the key derived from the payload. */
  deliveryKey: string;
  event: string;
  verified: boolean;
  outcome: WebhookOutcome;
  error: string | null;
  receivedAt: string;
  processedAt: string | null;
}

/**
 * A page of webhook deliveries, newest first.
 *
 * @public
 */
export type WebhookDeliveryPage = Page<WebhookDelivery>;

/**
 * The message published on {@link deploymentSignalChannel} after every
 * change to a deployment of the service.
 *
 * @public
 */
export interface DeploymentSignal {
  type: 'deployment.changed';
  service: string;
  environment: string;
  deploymentId: number;
  status: DeploymentStatus;
}

/**
 * The message published on {@link deploymentSignalChannel} after a preview
 * environment of the service changed.
 *
 * @public
 */
export interface PreviewSignal {
  type: 'preview.changed';
  service: string;
  previewId: number;
  pullRequest: number;
  state: PreviewState;
}

/**
 * The body of
 * `POST /services/:service/environments/:environment/deployments`.
 *
 * @public
 */
export interface TriggerDeploymentRequest {
  /** The version to deploy, 1 to 128 characters. */
  version: string;
  /** Why, up to 2000 characters. */
  reason?: string;
}

/**
 * The body of `POST /services/:service/environments/:environment/rollback`.
 *
 * @public
 */
export interface RollbackDeploymentRequest {
  /** Why, 1 to 2000 characters; required. */
  reason: string;
  /**
   * A `succeeded` deployment of the same service and environment to
   * restore; by default the newest one before the current deployment.
   */
  targetDeploymentId?: number;
}

/**
 * Why a rollback cannot be started now:
 *
 * - `in_flight`: a deployment of the service and environment is queued or
 *   in progress;
 * - `no_target`: there is no earlier `succeeded` deployment;
 * - `auto_sync`: the environment is GitOps auto-synced;
 * - `no_executor`: no executor is configured for the environment.
 *
 * @public
 */
export type RollbackBlockReason =
  | 'in_flight'
  | 'no_target'
  | 'auto_sync'
  | 'no_executor';

/**
 * `GET /services/:service/environments/:environment/rollback-target`: what
 * a rollback would restore, and why it cannot be started when it cannot.
 *
 * @public
 */
export interface RollbackTargetInfo {
  /** The deployment a rollback would restore. */
  target: Deployment | null;
  /** The latest deployment of the service and environment. */
  current: Deployment | null;
  blocked: null | { reason: RollbackBlockReason; message: string };
}

/**
 * A deployment's status and version before or after an audited change.
 *
 * @public
 */
export interface DeploymentAuditState {
  status: DeploymentStatus;
  version: string;
}

/**
 * What an audit entry records:
 *
 * - `deployment.triggered`, `deployment.rollback`: started in OpsHub;
 * - `deployment.refused`: a trigger or rollback answered 409;
 * - `deployment.executor_failed`: the executor could not start it;
 * - `deployment.status_polled`: the executor's `status()` reported a change;
 * - `deployment.timed_out`: nothing was reported before the timeout;
 * - `webhook.created`, `webhook.status_changed`: a status webhook.
 *
 * @public
 */
export type DeploymentAuditAction =
  | 'deployment.triggered'
  | 'deployment.rollback'
  | 'deployment.refused'
  | 'deployment.executor_failed'
  | 'deployment.status_polled'
  | 'deployment.timed_out'
  | 'webhook.created'
  | 'webhook.status_changed';

/**
 * One row of the append-only deployment audit trail.
 *
 * @public
 */
export interface DeploymentAuditEntry {
  id: number;
  /** The deployment concerned; null for refusals of a new one. */
  deploymentId: number | null;
  service: string;
  environment: string;
  /** Who: a user entity ref, a webhook provider, or `system`. */
  actor: string;
  action: DeploymentAuditAction;
  /** Why: the user's reason, the refusal, the failure or the webhook. */
  reason: string | null;
  before: DeploymentAuditState | null;
  after: DeploymentAuditState | null;
  createdAt: string;
}

/**
 * A page of audit entries, newest first (`GET /audit?format=json`).
 *
 * @public
 */
export type DeploymentAuditPage = Page<DeploymentAuditEntry>;

/**
 * `GET /deployments/:id`: a deployment with its audit trail, oldest first.
 *
 * @public
 */
export interface DeploymentDetail extends Deployment {
  audit: DeploymentAuditEntry[];
}

/**
 * Where a pull request's preview environment is:
 * - `pending`: a webhook asked for it; the executor has not been called yet;
 * - `deployed`: the provider accepted the deployment of the head commit and
 *   gave its URL (the provider may still be building it);
 * - `failed`: the provider refused or could not be reached (`error`);
 * - `closing`: the pull request was closed; the teardown has not run yet;
 * - `closed`: torn down;
 * - `teardown_failed`: the teardown failed (`error`); it is retried.
 *
 * @public
 */
export type PreviewState =
  | 'pending'
  | 'deployed'
  | 'failed'
  | 'closing'
  | 'closed'
  | 'teardown_failed';

/**
 * The preview environment of one pull request of a service.
 *
 * @public
 */
export interface Preview {
  id: number;
  service: string;
  repository: string;
  pullRequest: number;
  title: string | null;
  branch: string;
  commitSha: string;
  author: string | null;
  state: PreviewState;
  url: string | null;
  /** The preview executor that serves it (`vercel`, `netlify`, `generic`). */
  executor: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * `GET /previews`: a page of previews, and whether a preview executor is
 * configured at all.
 *
 * @public
 */
export interface PreviewPage extends Page<Preview> {
  configured: boolean;
}
