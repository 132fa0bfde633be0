import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read deployment history and current versions.
 *
 * @public
 */
export const deploymentReadPermission = createPermission({
  name: 'deployment-rollback.deployment.read',
  attributes: { action: 'read' },
});

/**
 * Trigger a deployment of a version. A resource permission of the catalog
 * entity resource type: the resource is the Component that owns the service
 * (`component:default/payments-api`), so a policy can allow its owners only.
 *
 * @public
 */
export const deploymentTriggerPermission = createPermission({
  name: 'deployment-rollback.deployment.trigger',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Roll an environment back to its last good version. A resource permission
 * of the catalog entity resource type, like
 * {@link deploymentTriggerPermission}.
 *
 * @public
 */
export const deploymentRollbackPermission = createPermission({
  name: 'deployment-rollback.deployment.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read the webhook deliveries log (provider, event, outcome), for admins.
 *
 * @public
 */
export const deliveryReadPermission = createPermission({
  name: 'deployment-rollback.delivery.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the plugin, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const deploymentRollbackPermissions = [
  deploymentReadPermission,
  deploymentTriggerPermission,
  deploymentRollbackPermission,
  deliveryReadPermission,
];
