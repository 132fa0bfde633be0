/**
 * The OpsHub deployment-rollback frontend plugin: the version per environment
 * with Deploy and Rollback, the filtered history with its audit trail, and a
 * promotion page of every service, kept live by signals.
 *
 * @packageDocumentation
 */

export {
  deploymentRollbackPlugin,
  DeploymentsPage,
  EntityDeploymentsContent,
  EntityCurrentVersionsCard,
  isDeploymentRollbackAvailable,
} from './plugin';
export { deploymentRollbackApiRef, DeploymentRollbackClient } from './api';
export type { DeploymentQuery, DeploymentRollbackApi } from './api';
