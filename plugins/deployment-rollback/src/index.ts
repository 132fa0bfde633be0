/**
 * The OpsHub deployment-rollback frontend plugin: deployment history and the
 * current version per environment, as a page and as an entity tab.
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
export type { DeploymentRollbackApi } from './api';
