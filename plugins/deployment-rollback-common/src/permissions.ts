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
 * Trigger a deployment of a version.
 *
 * @public
 */
export const deploymentTriggerPermission = createPermission({
  name: 'deployment-rollback.deployment.trigger',
  attributes: { action: 'create' },
});

/**
 * Roll an environment back to its last good version.
 *
 * @public
 */
export const deploymentRollbackPermission = createPermission({
  name: 'deployment-rollback.deployment.rollback',
  attributes: { action: 'update' },
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
