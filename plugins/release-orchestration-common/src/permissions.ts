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
 * Create a cluster or a customer.
 *
 * @public
 */
export const clusterCreatePermission = createPermission({
  name: 'release-orchestration.cluster.create',
  attributes: { action: 'create' },
});

/**
 * Update or delete a cluster or a customer.
 *
 * @public
 */
export const clusterUpdatePermission = createPermission({
  name: 'release-orchestration.cluster.update',
  attributes: { action: 'update' },
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
 * Record the execution of a customer step: done, skipped, reverted, reopened.
 * It does not allow changing what the step runs: that is
 * {@link stepUpdatePermission}.
 *
 * @public
 */
export const stepExecutePermission = createPermission({
  name: 'release-orchestration.step.execute',
  attributes: { action: 'update' },
});

/**
 * Change the content of a customer step: override its content (and reset the
 * override), add a custom step, delete a custom step. Recording its execution
 * needs {@link stepExecutePermission} only.
 *
 * @public
 */
export const stepUpdatePermission = createPermission({
  name: 'release-orchestration.step.update',
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
  clusterCreatePermission,
  clusterUpdatePermission,
  releaseReadPermission,
  releaseCreatePermission,
  releaseUpdatePermission,
  releaseActivatePermission,
  stepExecutePermission,
  stepUpdatePermission,
  templateUpdatePermission,
];
