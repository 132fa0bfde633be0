/**
 * The plugin id: package names, `/api/deployment-rollback`, permission names.
 *
 * @public
 */
export const DEPLOYMENT_ROLLBACK_PLUGIN_ID = 'deployment-rollback';

/**
 * Catalog annotation naming the service whose deployments an entity shows,
 * for example `opshub.io/deployment-service: payments-api`.
 *
 * @public
 */
export const DEPLOYMENT_SERVICE_ANNOTATION = 'opshub.io/deployment-service';

/**
 * The signal channel of one service's deployments:
 * `deployment-rollback:service:<name>`.
 *
 * @public
 */
export function deploymentSignalChannel(service: string): string {
  return `${DEPLOYMENT_ROLLBACK_PLUGIN_ID}:service:${service}`;
}
