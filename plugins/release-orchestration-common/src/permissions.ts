import { createPermission } from '@backstage/plugin-permission-common';
import { CLUSTER_RESOURCE_TYPE, RELEASE_RESOURCE_TYPE } from './constants';

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
 * Create a cluster. A basic permission: there is no cluster to own yet.
 * Adding a customer to a cluster is a write on that cluster
 * ({@link clusterUpdatePermission}).
 *
 * @public
 */
export const clusterCreatePermission = createPermission({
  name: 'release-orchestration.cluster.create',
  attributes: { action: 'create' },
});

/**
 * Update or delete a cluster, and add, update or delete its customers. A
 * resource permission of {@link CLUSTER_RESOURCE_TYPE}: the resource ref is
 * the cluster name (for a customer, the name of its cluster).
 *
 * @public
 */
export const clusterUpdatePermission = createPermission({
  name: 'release-orchestration.cluster.update',
  attributes: { action: 'update' },
  resourceType: CLUSTER_RESOURCE_TYPE,
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
 * Create a release (draft). A basic permission: there is no release to own
 * yet.
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
  resourceType: RELEASE_RESOURCE_TYPE,
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
  resourceType: RELEASE_RESOURCE_TYPE,
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
  resourceType: RELEASE_RESOURCE_TYPE,
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
  resourceType: RELEASE_RESOURCE_TYPE,
});

/**
 * Edit the step templates of a release.
 *
 * Like every write on an existing release, its templates and its steps
 * (release.update, release.activate, step.execute, step.update,
 * template.update), a resource permission of {@link RELEASE_RESOURCE_TYPE}:
 * the resource ref is the id of the release, as a string.
 *
 * @public
 */
export const templateUpdatePermission = createPermission({
  name: 'release-orchestration.template.update',
  attributes: { action: 'update' },
  resourceType: RELEASE_RESOURCE_TYPE,
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
