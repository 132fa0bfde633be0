import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read health checks, their current status and their samples.
 *
 * @public
 */
export const checkReadPermission = createPermission({
  name: 'infra-health.check.read',
  attributes: { action: 'read' },
});

/**
 * Add, edit and delete the health checks managed through the API. Checks
 * from config cannot be changed through the API, with or without it.
 *
 * @public
 */
export const checkManagePermission = createPermission({
  name: 'infra-health.check.manage',
  attributes: {},
});

/**
 * Acknowledge a health alert (not used by a route yet).
 *
 * @public
 */
export const alertAcknowledgePermission = createPermission({
  name: 'infra-health.alert.acknowledge',
  attributes: { action: 'update' },
});

/**
 * Escalate a health alert (not used by a route yet).
 *
 * @public
 */
export const alertEscalatePermission = createPermission({
  name: 'infra-health.alert.escalate',
  attributes: { action: 'update' },
});

/**
 * Every permission of the plugin, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const infraHealthPermissions = [
  checkReadPermission,
  checkManagePermission,
  alertAcknowledgePermission,
  alertEscalatePermission,
];
