import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { DeploymentExecutorFactory } from './types';

/**
 * Where backend modules add executor types to the deployment-rollback
 * backend. An environment whose `executor.type` names the factory's `type`
 * gets an executor from it.
 *
 * @public
 */
export interface DeploymentExecutorsExtensionPoint {
  addExecutor(factory: DeploymentExecutorFactory): void;
}

/**
 * The extension point `deployment-rollback.executors`.
 *
 * @example
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'deployment-rollback',
 *   moduleId: 'spinnaker-executor',
 *   register(env) {
 *     env.registerInit({
 *       deps: { executors: deploymentExecutorsExtensionPoint },
 *       async init({ executors }) {
 *         executors.addExecutor(spinnakerExecutorFactory);
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export const deploymentExecutorsExtensionPoint =
  createExtensionPoint<DeploymentExecutorsExtensionPoint>({
    id: 'deployment-rollback.executors',
  });
