import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read clusters and their customers.
 *
 * @public
 */
export const clusterReadPermission = createPermission({
  name: 'release-orchestration.cluster.read',
  attributes: { action: 'read' },
});

/**
 * Read releases, their templates, steps, progress, history and exports.
 *
 * @public
 */
export const releaseReadPermission = createPermission({
  name: 'release-orchestration.release.read',
  attributes: { action: 'read' },
});

/**
 * Create a release (draft).
 *
 * @public
 */
export const releaseCreatePermission = createPermission({
  name: 'release-orchestration.release.create',
  attributes: { action: 'create' },
});

/**
 * Edit a release: name, dates, description, archive.
 *
 * @public
 */
export const releaseUpdatePermission = createPermission({
  name: 'release-orchestration.release.update',
  attributes: { action: 'update' },
});

/**
 * Activate a draft release, which creates the steps of every selected
 * customer.
 *
 * @public
 */
export const releaseActivatePermission = createPermission({
  name: 'release-orchestration.release.activate',
  attributes: { action: 'update' },
});

/**
 * Record the execution of a customer step: done, skipped, reverted.
 *
 * @public
 */
export const stepExecutePermission = createPermission({
  name: 'release-orchestration.step.execute',
  attributes: { action: 'update' },
});

/**
 * Edit the step templates of a release.
 *
 * @public
 */
export const templateUpdatePermission = createPermission({
  name: 'release-orchestration.template.update',
  attributes: { action: 'update' },
});

/**
 * Every permission of the plugin, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const releaseOrchestrationPermissions = [
  clusterReadPermission,
  releaseReadPermission,
  releaseCreatePermission,
  releaseUpdatePermission,
  releaseActivatePermission,
  stepExecutePermission,
  templateUpdatePermission,
];
