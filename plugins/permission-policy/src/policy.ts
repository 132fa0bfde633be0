import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  isResourcePermission,
  Permission,
  PermissionRuleParams,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { deploymentRollbackPermissions } from '@opshub/plugin-deployment-rollback-common';
import {
  DEVOPS_INSPECTOR_PLUGIN_ID,
  devopsInspectorPermissions,
  inspectorConfigReadPermission,
  INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
  INSPECTOR_ENVIRONMENT_TIERS,
  IS_ENVIRONMENT_TIER_RULE,
} from '@opshub/plugin-devops-inspector-common';
import { infraHealthPermissions } from '@opshub/plugin-infra-health-common';
import {
  CLUSTER_RESOURCE_TYPE,
  clusterConditions,
  createClusterConditionalDecision,
  createReleaseConditionalDecision,
  RELEASE_RESOURCE_TYPE,
  releaseConditions,
  releaseOrchestrationPermissions,
} from '@opshub/plugin-release-orchestration-common';

/**
 * The catalog's entity resource type and its owner rule
 * (`@backstage/plugin-catalog-common/alpha` `RESOURCE_TYPE_CATALOG_ENTITY`,
 * `@backstage/plugin-catalog-backend/alpha` `catalogConditions.isEntityOwner`).
 */
const CATALOG_PLUGIN_ID = 'catalog';
const CATALOG_ENTITY_RESOURCE_TYPE = 'catalog-entity';
const IS_ENTITY_OWNER_RULE = 'IS_ENTITY_OWNER';

/** The tiers everybody signed in may inspect: every tier but `prod`. */
export const NON_PROD_TIERS = INSPECTOR_ENVIRONMENT_TIERS.filter(
  tier => tier !== 'prod',
);

const WRITE_ACTIONS = new Set(['create', 'update', 'delete']);

/**
 * Reads kept to the admin group: the devops-inspector's effective backend
 * configuration (masked, but it describes every environment, `prod`
 * included, and every plugin's settings).
 */
export const ADMIN_ONLY_READ_NAMES: ReadonlySet<string> = new Set([
  inspectorConfigReadPermission.name,
]);

/**
 * Every permission of the four OpsHub families that is not a read. An OpsHub
 * permission without an `action` attribute counts as a write, so a new
 * permission is closed until it says it only reads.
 */
export const OPSHUB_WRITE_PERMISSION_NAMES: ReadonlySet<string> = new Set(
  [
    ...releaseOrchestrationPermissions,
    ...deploymentRollbackPermissions,
    ...infraHealthPermissions,
    ...devopsInspectorPermissions,
  ]
    .filter(permission => permission.attributes.action !== 'read')
    .map(permission => permission.name),
);

/**
 * Whether a permission writes: its `action` is create, update or delete, or
 * it is one of the OpsHub write permissions. Other permissions without an
 * action (for example `catalog.entity.validate`, `catalog.location.analyze`)
 * only compute and count as reads.
 */
export function isWritePermission(permission: Permission): boolean {
  const action = permission.attributes.action;
  return (
    (action !== undefined && WRITE_ACTIONS.has(action)) ||
    OPSHUB_WRITE_PERMISSION_NAMES.has(permission.name)
  );
}

/** Options of {@link OpshubPermissionPolicy}. */
export interface OpshubPermissionPolicyOptions {
  /**
   * Members of this group (an entity ref such as
   * `group:default/platform-admins`) may do everything. Without it, nobody
   * gets the admin rights.
   */
  adminGroup?: string;
  /** Resolves the signed-in user's ownership entity refs (user and groups). */
  userInfo: UserInfoService;
}

/**
 * The OpsHub example policy. The decision table is in the package README:
 *
 * - no signed-in user: deny;
 * - members of the admin group: allow;
 * - devops-inspector environments: conditional, every tier but `prod`;
 * - reads: allow;
 * - writes on a catalog entity: conditional, the user or one of their groups
 *   owns the entity;
 * - writes on a release (its templates and steps) or a cluster (its
 *   customers): conditional, the user or one of their groups owns the
 *   release's or cluster's catalog entity;
 * - every other write (basic writes name no resource, so no owner can be
 *   found; creating a release or a cluster among them): deny.
 */
export class OpshubPermissionPolicy implements PermissionPolicy {
  readonly #adminGroup?: string;
  readonly #userInfo: UserInfoService;

  constructor(options: OpshubPermissionPolicyOptions) {
    this.#adminGroup = options.adminGroup?.toLocaleLowerCase('en-US');
    this.#userInfo = options.userInfo;
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    // the permission backend passes a user only for user principals
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.#userInfo.getUserInfo(
      user.credentials,
    );
    const claims = ownershipEntityRefs.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    if (this.#adminGroup && claims.includes(this.#adminGroup)) {
      return { result: AuthorizeResult.ALLOW };
    }

    const { permission } = request;
    if (isResourcePermission(permission, INSPECTOR_ENVIRONMENT_RESOURCE_TYPE)) {
      return conditional(
        DEVOPS_INSPECTOR_PLUGIN_ID,
        INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
        IS_ENVIRONMENT_TIER_RULE,
        { tiers: [...NON_PROD_TIERS] },
      );
    }
    if (ADMIN_ONLY_READ_NAMES.has(permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    if (!isWritePermission(permission)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, RELEASE_RESOURCE_TYPE)) {
      return createReleaseConditionalDecision(
        permission,
        releaseConditions.isEntityOwner({ claims }),
      );
    }
    if (isResourcePermission(permission, CLUSTER_RESOURCE_TYPE)) {
      return createClusterConditionalDecision(
        permission,
        clusterConditions.isEntityOwner({ claims }),
      );
    }
    if (isResourcePermission(permission, CATALOG_ENTITY_RESOURCE_TYPE)) {
      return conditional(
        CATALOG_PLUGIN_ID,
        CATALOG_ENTITY_RESOURCE_TYPE,
        IS_ENTITY_OWNER_RULE,
        { claims },
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}

function conditional(
  pluginId: string,
  resourceType: string,
  rule: string,
  params: PermissionRuleParams,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId,
    resourceType,
    conditions: { rule, resourceType, params },
  };
}
