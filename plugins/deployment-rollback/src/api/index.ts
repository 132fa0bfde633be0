export { deploymentRollbackApiRef } from './DeploymentRollbackApi';
export type { DeploymentRollbackApi } from './DeploymentRollbackApi';
export { DeploymentRollbackClient } from './DeploymentRollbackClient';
