import {
  DEPLOYMENT_ROLLBACK_PLUGIN_ID,
  DeploymentPage,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';
import { OpshubClientBase, OpshubClientOptions } from '@opshub/opshub-react';
import { DeploymentRollbackApi } from './DeploymentRollbackApi';

/** @public */
export class DeploymentRollbackClient
  extends OpshubClientBase
  implements DeploymentRollbackApi
{
  constructor(options: OpshubClientOptions) {
    super(DEPLOYMENT_ROLLBACK_PLUGIN_ID, options);
  }

  listDeployments(options: {
    service?: string;
    environment?: string;
    limit?: number;
    offset?: number;
  }): Promise<DeploymentPage> {
    return this.request('/deployments', { query: options });
  }

  getCurrentVersions(options: {
    service?: string;
  }): Promise<{ items: EnvironmentVersion[] }> {
    return this.request('/environments', { query: options });
  }
}
