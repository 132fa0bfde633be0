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
 * Acknowledge a firing health alert (`POST /alerts/:id/acknowledge`).
 *
 * @public
 */
export const alertAcknowledgePermission = createPermission({
  name: 'infra-health.alert.acknowledge',
  attributes: { action: 'update' },
});

/**
 * Escalate a health alert to Slack or PagerDuty (`POST /alerts/:id/escalate`).
 *
 * @public
 */
export const alertEscalatePermission = createPermission({
  name: 'infra-health.alert.escalate',
  attributes: { action: 'update' },
});

/**
 * Create, edit and delete SLOs through the API (SLOs from config stay
 * read-only). Reading SLOs needs `infra-health.check.read`.
 *
 * @public
 */
export const sloManagePermission = createPermission({
  name: 'infra-health.slo.manage',
  attributes: { action: 'update' },
});

/**
 * Resolve a health alert by hand (`POST /alerts/:id/resolve`).
 *
 * @public
 */
export const alertResolvePermission = createPermission({
  name: 'infra-health.alert.resolve',
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
  sloManagePermission,
  alertResolvePermission,
];
