import {
  AuthorizeResult,
  isCreatePermission,
  isReadPermission,
  isUpdatePermission,
} from '@backstage/plugin-permission-common';
import {
  clusterConditions,
  createClusterConditionalDecision,
  createReleaseConditionalDecision,
  IS_ENTITY_OWNER_RULE,
  releaseConditions,
} from './conditions';
import {
  CLUSTER_RESOURCE_TYPE,
  RELEASE_ORCHESTRATION_PLUGIN_ID,
  RELEASE_RESOURCE_TYPE,
} from './constants';
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
    }
  });

  it('makes the writes on an existing release or cluster resource permissions', () => {
    const types = Object.fromEntries(
      releaseOrchestrationPermissions.map(p => [
        p.name,
        p.type === 'resource' ? p.resourceType : 'basic',
      ]),
    );
    expect(types).toEqual({
      'release-orchestration.cluster.read': 'basic',
      'release-orchestration.cluster.create': 'basic',
      'release-orchestration.cluster.update': CLUSTER_RESOURCE_TYPE,
      'release-orchestration.release.read': 'basic',
      'release-orchestration.release.create': 'basic',
      'release-orchestration.release.update': RELEASE_RESOURCE_TYPE,
      'release-orchestration.release.activate': RELEASE_RESOURCE_TYPE,
      'release-orchestration.step.execute': RELEASE_RESOURCE_TYPE,
      'release-orchestration.step.update': RELEASE_RESOURCE_TYPE,
      'release-orchestration.template.update': RELEASE_RESOURCE_TYPE,
    });
  });

  it('builds conditional decisions for the owner rule', () => {
    const decision = createReleaseConditionalDecision(
      stepExecutePermission,
      releaseConditions.isEntityOwner({ claims: ['group:default/team-a'] }),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: RELEASE_ORCHESTRATION_PLUGIN_ID,
      resourceType: RELEASE_RESOURCE_TYPE,
      conditions: {
        rule: IS_ENTITY_OWNER_RULE,
        resourceType: RELEASE_RESOURCE_TYPE,
        params: { claims: ['group:default/team-a'] },
      },
    });
    expect(
      createClusterConditionalDecision(
        clusterUpdatePermission,
        clusterConditions.isEntityOwner({ claims: [] }),
      ).resourceType,
    ).toBe(CLUSTER_RESOURCE_TYPE);
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
