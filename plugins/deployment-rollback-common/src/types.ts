import type { Page } from '@opshub/opshub-common';

/**
 * Where a deployment record came from.
 *
 * @public
 */
export type DeploymentSource = 'webhook' | 'manual' | 'rollback';

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
