import { createApiRef } from '@backstage/core-plugin-api';
import {
  DeploymentPage,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';

/** @public */
export interface DeploymentRollbackApi {
  listDeployments(options: {
    service?: string;
    environment?: string;
    limit?: number;
    offset?: number;
  }): Promise<DeploymentPage>;
  getCurrentVersions(options: {
    service?: string;
  }): Promise<{ items: EnvironmentVersion[] }>;
}

/** @public */
export const deploymentRollbackApiRef = createApiRef<DeploymentRollbackApi>({
  id: 'plugin.deployment-rollback.service',
});
