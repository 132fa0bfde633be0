import {
  Deployment,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';

/** @internal */
export interface DeploymentFilter {
  service?: string;
  environment?: string;
}

/**
 * Storage of deployments and their audit trail.
 *
 * @internal
 */
export interface DeploymentStore {
  listDeployments(
    filter: DeploymentFilter,
    page: PageQuery,
  ): Promise<{ items: Deployment[]; totalCount: number }>;
  /** The latest successful deployment per service and environment. */
  currentVersions(filter: { service?: string }): Promise<EnvironmentVersion[]>;
}
