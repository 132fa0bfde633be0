import {
  isCreatePermission,
  isReadPermission,
  isUpdatePermission,
} from '@backstage/plugin-permission-common';
import { RELEASE_ORCHESTRATION_PLUGIN_ID } from './constants';
import {
  clusterCreatePermission,
  clusterReadPermission,
  clusterUpdatePermission,
  releaseActivatePermission,
  releaseCreatePermission,
  releaseOrchestrationPermissions,
  stepExecutePermission,
  stepUpdatePermission,
} from './permissions';

describe('releaseOrchestrationPermissions', () => {
  it('names every permission <plugin id>.<resource>.<action>', () => {
    expect(releaseOrchestrationPermissions.map(p => p.name)).toEqual([
      'release-orchestration.cluster.read',
      'release-orchestration.cluster.create',
      'release-orchestration.cluster.update',
      'release-orchestration.release.read',
      'release-orchestration.release.create',
      'release-orchestration.release.update',
      'release-orchestration.release.activate',
      'release-orchestration.step.execute',
      'release-orchestration.step.update',
      'release-orchestration.template.update',
    ]);
    for (const permission of releaseOrchestrationPermissions) {
      expect(
        permission.name.startsWith(`${RELEASE_ORCHESTRATION_PLUGIN_ID}.`),
      ).toBe(true);
      expect(permission.type).toBe('basic');
    }
  });

  it('tags each permission with its action', () => {
    expect(isReadPermission(clusterReadPermission)).toBe(true);
    expect(isCreatePermission(releaseCreatePermission)).toBe(true);
    expect(isUpdatePermission(releaseActivatePermission)).toBe(true);
    expect(isUpdatePermission(stepExecutePermission)).toBe(true);
    expect(isCreatePermission(clusterCreatePermission)).toBe(true);
    expect(isUpdatePermission(clusterUpdatePermission)).toBe(true);
    expect(isUpdatePermission(stepUpdatePermission)).toBe(true);
  });
});
