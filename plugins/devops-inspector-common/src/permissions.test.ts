import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  DEVOPS_INSPECTOR_PLUGIN_ID,
  INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
} from './constants';
import {
  devopsInspectorPermissions,
  inspectorActivityReadPermission,
  inspectorEnvironmentReadPermission,
  inspectorSnapshotCreatePermission,
} from './permissions';

describe('devops-inspector permissions', () => {
  it('are all named after the plugin id', () => {
    expect(devopsInspectorPermissions.map(p => p.name)).toEqual([
      'devops-inspector.environment.read',
      'devops-inspector.schema.compare',
      'devops-inspector.config.read',
      'devops-inspector.activity.read',
      'devops-inspector.status.read',
      'devops-inspector.snapshot.create',
      'devops-inspector.cache.clear',
      'devops-inspector.activity.export',
    ]);
    for (const permission of devopsInspectorPermissions) {
      expect(permission.name.startsWith(`${DEVOPS_INSPECTOR_PLUGIN_ID}.`)).toBe(
        true,
      );
    }
  });

  it('makes environment read a resource permission and activity basic', () => {
    expect(
      isResourcePermission(
        inspectorEnvironmentReadPermission,
        INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
      ),
    ).toBe(true);
    expect(inspectorEnvironmentReadPermission.resourceType).toBe(
      'devops-inspector-environment',
    );
    expect(inspectorActivityReadPermission.type).toBe('basic');
    expect(
      isResourcePermission(
        inspectorSnapshotCreatePermission,
        INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
      ),
    ).toBe(true);
  });
});
