import { createPermission } from '@backstage/plugin-permission-common';
import { INSPECTOR_ENVIRONMENT_RESOURCE_TYPE } from './constants';

/**
 * See one environment: its database status and its tables. A resource
 * permission whose resource ref is the environment name, so that a policy
 * can allow `dev` to everyone and `prod` to a few.
 *
 * @public
 */
export const inspectorEnvironmentReadPermission = createPermission({
  name: 'devops-inspector.environment.read',
  attributes: { action: 'read' },
  resourceType: INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Compare the schemas of environments. A resource permission like
 * {@link inspectorEnvironmentReadPermission}: it is checked for the source
 * and for every target, with the environment name as resource ref.
 *
 * @public
 */
export const inspectorSchemaComparePermission = createPermission({
  name: 'devops-inspector.schema.compare',
  attributes: { action: 'read' },
  resourceType: INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * See the (masked) configuration of the environments.
 *
 * @public
 */
export const inspectorConfigReadPermission = createPermission({
  name: 'devops-inspector.config.read',
  attributes: { action: 'read' },
});

/**
 * Read the inspector's activity log.
 *
 * @public
 */
export const inspectorActivityReadPermission = createPermission({
  name: 'devops-inspector.activity.read',
  attributes: { action: 'read' },
});

/**
 * See the deployment's health summary and environment information
 * (`GET /status`, `GET /environment`).
 *
 * @public
 */
export const inspectorStatusReadPermission = createPermission({
  name: 'devops-inspector.status.read',
  attributes: { action: 'read' },
});

/**
 * Take a schema snapshot of an environment (`POST /snapshots`). A resource
 * permission whose resource ref is the environment name. Listing snapshots
 * and drift records needs `devops-inspector.environment.read`; comparing
 * against a snapshot needs `devops-inspector.schema.compare` on the
 * snapshot's environment.
 *
 * @public
 */
export const inspectorSnapshotCreatePermission = createPermission({
  name: 'devops-inspector.snapshot.create',
  attributes: { action: 'create' },
  resourceType: INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Clear the inspector's caches (the drawer's "Clear cache" quick action).
 *
 * @public
 */
export const inspectorCacheClearPermission = createPermission({
  name: 'devops-inspector.cache.clear',
  attributes: { action: 'delete' },
});

/**
 * Download the activity log of a time range as JSON or CSV (the drawer's
 * "Export logs" quick action).
 *
 * @public
 */
export const inspectorActivityExportPermission = createPermission({
  name: 'devops-inspector.activity.export',
  attributes: { action: 'read' },
});

/**
 * Every permission of the plugin, for `permissionsRegistry.addPermissions`.
 *
 * @public
 */
export const devopsInspectorPermissions = [
  inspectorEnvironmentReadPermission,
  inspectorSchemaComparePermission,
  inspectorConfigReadPermission,
  inspectorActivityReadPermission,
  inspectorStatusReadPermission,
  inspectorSnapshotCreatePermission,
  inspectorCacheClearPermission,
  inspectorActivityExportPermission,
];
