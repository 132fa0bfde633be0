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
  | 'rolled_back';

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
