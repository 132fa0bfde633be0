export { deploymentRollbackApiRef } from './DeploymentRollbackApi';
export type {
  DeploymentQuery,
  DeploymentRollbackApi,
} from './DeploymentRollbackApi';
export { DeploymentRollbackClient } from './DeploymentRollbackClient';
