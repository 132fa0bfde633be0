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
