import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  deploymentRollbackPermission,
  deploymentRollbackPermissions,
  deploymentTriggerPermission,
} from '@opshub/plugin-deployment-rollback-common';
import {
  devopsInspectorPermissions,
  inspectorActivityReadPermission,
  inspectorConfigReadPermission,
  inspectorEnvironmentReadPermission,
  inspectorSchemaComparePermission,
} from '@opshub/plugin-devops-inspector-common';
import { infraHealthPermissions } from '@opshub/plugin-infra-health-common';
import {
  clusterCreatePermission,
  clusterUpdatePermission,
  releaseActivatePermission,
  releaseCreatePermission,
  releaseOrchestrationPermissions,
  releaseUpdatePermission,
  stepUpdatePermission,
  templateUpdatePermission,
  releaseReadPermission,
  stepExecutePermission,
} from '@opshub/plugin-release-orchestration-common';
import {
  isWritePermission,
  OPSHUB_WRITE_PERMISSION_NAMES,
  OpshubPermissionPolicy,
} from './policy';

const ADMIN_GROUP = 'group:default/platform-admins';

// what the catalog resolves for each user: the user and their groups
const ownership: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'Group:default/Platform-Admins'],
  'user:default/olga': ['user:default/olga', 'group:default/payments-team'],
  'user:default/uma': ['user:default/uma', 'group:default/guests'],
};

const userInfo = mockServices.userInfo.mock({
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: ownership[ref] ?? [ref] };
  },
});

function userOf(ref: string) {
  const credentials = mockCredentials.user(ref);
  return {
    credentials,
    info: { userEntityRef: ref, ownershipEntityRefs: ownership[ref] ?? [ref] },
  };
}

const policy = new OpshubPermissionPolicy({
  adminGroup: ADMIN_GROUP,
  userInfo,
});

const catalogEntityDelete = createPermission({
  name: 'catalog.entity.delete',
  attributes: { action: 'delete' },
  resourceType: 'catalog-entity',
});
const catalogEntityRefresh = createPermission({
  name: 'catalog.entity.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const catalogLocationCreate = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
const catalogEntityValidate = createPermission({
  name: 'catalog.entity.validate',
  attributes: {},
});

const decide = (permission: Permission, ref?: string) =>
  policy.handle({ permission }, ref ? userOf(ref) : undefined);

describe('OpshubPermissionPolicy', () => {
  const families = [
    ...releaseOrchestrationPermissions,
    ...deploymentRollbackPermissions,
    ...infraHealthPermissions,
    ...devopsInspectorPermissions,
  ];
  const reads = families.filter(p => p.attributes.action === 'read');
  const writes = families.filter(p => p.attributes.action !== 'read');

  it('classifies every OpsHub permission that is not a read as a write', () => {
    expect(writes.length).toBeGreaterThan(5);
    for (const permission of writes) {
      expect(isWritePermission(permission)).toBe(true);
      expect(OPSHUB_WRITE_PERMISSION_NAMES.has(permission.name)).toBe(true);
    }
    for (const permission of reads) {
      expect(isWritePermission(permission)).toBe(false);
    }
    expect(isWritePermission(catalogEntityDelete)).toBe(true);
    expect(isWritePermission(catalogLocationCreate)).toBe(true);
    expect(isWritePermission(catalogEntityValidate)).toBe(false);
    // an OpsHub-named permission without an action would still be a write
    // only if a family declares it; unknown ones follow their action
    expect(
      isWritePermission(
        createPermission({ name: 'other.thing.run', attributes: {} }),
      ),
    ).toBe(false);
  });

  it('denies everything without a signed-in user', async () => {
    for (const permission of [...families, catalogEntityRead]) {
      expect(await decide(permission)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('allows every basic read but the inspector configuration to any signed-in user', async () => {
    for (const permission of reads.filter(
      p => p.type === 'basic' && p !== inspectorConfigReadPermission,
    )) {
      expect(await decide(permission, 'user:default/uma')).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
    expect(await decide(catalogEntityRead, 'user:default/uma')).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(await decide(catalogEntityValidate, 'user:default/uma')).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it("keeps the inspector's configuration view to the admin group", async () => {
    for (const ref of ['user:default/uma', 'user:default/olga']) {
      expect(await decide(inspectorConfigReadPermission, ref)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
    expect(
      await decide(inspectorConfigReadPermission, 'user:default/ada'),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('denies basic writes to users outside the admin group, owners included', async () => {
    for (const ref of ['user:default/uma', 'user:default/olga']) {
      for (const permission of [
        ...writes.filter(p => p.type === 'basic'),
        catalogLocationCreate,
      ]) {
        expect(await decide(permission, ref)).toEqual({
          result: AuthorizeResult.DENY,
        });
      }
    }
  });

  it('allows everything to the admin group, whatever the case of the ref', async () => {
    for (const permission of [
      ...families,
      catalogEntityDelete,
      catalogLocationCreate,
    ]) {
      expect(await decide(permission, 'user:default/ada')).toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });

  it('lets other users inspect every environment tier but prod', async () => {
    for (const permission of [
      inspectorEnvironmentReadPermission,
      inspectorSchemaComparePermission,
    ]) {
      expect(await decide(permission, 'user:default/uma')).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'devops-inspector',
        resourceType: 'devops-inspector-environment',
        conditions: {
          rule: 'IS_ENVIRONMENT_TIER',
          resourceType: 'devops-inspector-environment',
          params: { tiers: ['local', 'dev', 'uat'] },
        },
      });
    }
    // the activity log is a basic read
    expect(
      await decide(inspectorActivityReadPermission, 'user:default/uma'),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('lets owners write catalog entities they own, through the catalog owner rule', async () => {
    // deployment triggers and rollbacks are catalog-entity resource
    // permissions on the Component that owns the service
    for (const permission of [
      catalogEntityDelete,
      catalogEntityRefresh,
      deploymentTriggerPermission,
      deploymentRollbackPermission,
    ]) {
      expect(await decide(permission, 'user:default/olga')).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: ['user:default/olga', 'group:default/payments-team'],
          },
        },
      });
    }
  });

  it('lets owners write releases and clusters whose catalog entity they own, through the release-orchestration owner rule', async () => {
    const owned = (resourceType: string, claims: string[]) => ({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'release-orchestration',
      resourceType,
      conditions: { rule: 'IS_ENTITY_OWNER', resourceType, params: { claims } },
    });
    const releaseWrites = [
      releaseUpdatePermission,
      releaseActivatePermission,
      templateUpdatePermission,
      stepExecutePermission,
      stepUpdatePermission,
    ];
    // every release-orchestration resource permission is covered here
    expect(
      releaseOrchestrationPermissions
        .filter(p => p.type === 'resource')
        .map(p => p.name)
        .sort(),
    ).toEqual(
      [...releaseWrites, clusterUpdatePermission].map(p => p.name).sort(),
    );
    for (const ref of ['user:default/olga', 'user:default/uma']) {
      const claims = ownership[ref];
      for (const permission of releaseWrites) {
        expect(await decide(permission, ref)).toEqual(
          owned('release-orchestration-release', claims),
        );
      }
      expect(await decide(clusterUpdatePermission, ref)).toEqual(
        owned('release-orchestration-cluster', claims),
      );
      // creating names no owner yet: the admin group only
      for (const permission of [
        releaseCreatePermission,
        clusterCreatePermission,
      ]) {
        expect(await decide(permission, ref)).toEqual({
          result: AuthorizeResult.DENY,
        });
      }
    }
  });

  it('has no admin without a configured admin group', async () => {
    const noAdmin = new OpshubPermissionPolicy({ userInfo });
    expect(
      await noAdmin.handle(
        { permission: releaseCreatePermission },
        userOf('user:default/ada'),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    // a release write is left to the owner rule, as for anybody
    expect(
      (
        await noAdmin.handle(
          { permission: stepExecutePermission },
          userOf('user:default/ada'),
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
    expect(
      await noAdmin.handle(
        { permission: releaseReadPermission },
        userOf('user:default/ada'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      (
        await noAdmin.handle(
          { permission: inspectorEnvironmentReadPermission },
          userOf('user:default/ada'),
        )
      ).result,
    ).toBe(AuthorizeResult.CONDITIONAL);
  });
});
