import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  CLUSTER_RESOURCE_TYPE,
  RELEASE_ORCHESTRATION_PLUGIN_ID,
  RELEASE_RESOURCE_TYPE,
} from './constants';

/**
 * Name of the permission rule that matches releases and clusters owned by
 * one of the given entity refs: the owners of their `catalogEntityRef`
 * entity (`spec.owner` and `ownedBy` relations). A release or cluster
 * without a `catalogEntityRef`, or whose entity the catalog does not know,
 * has no owner and never matches. The backend registers it for both
 * resource types.
 *
 * @public
 */
export const IS_ENTITY_OWNER_RULE = 'IS_ENTITY_OWNER';

/**
 * Params of {@link IS_ENTITY_OWNER_RULE}: full entity refs, usually the
 * signed-in user's `ownershipEntityRefs` (the user and their groups).
 *
 * @public
 */
export type EntityOwnerParams = { claims: string[] };

/** @public */
export type ReleaseCondition = PermissionCondition<
  typeof RELEASE_RESOURCE_TYPE,
  EntityOwnerParams
>;

/** @public */
export type ClusterCondition = PermissionCondition<
  typeof CLUSTER_RESOURCE_TYPE,
  EntityOwnerParams
>;

/**
 * Condition factories for the release resource type.
 *
 * @public
 */
export const releaseConditions = {
  /** Releases whose catalog entity is owned by one of `claims`. */
  isEntityOwner(params: EntityOwnerParams): ReleaseCondition {
    return {
      rule: IS_ENTITY_OWNER_RULE,
      resourceType: RELEASE_RESOURCE_TYPE,
      params,
    };
  },
};

/**
 * Condition factories for the cluster resource type.
 *
 * @public
 */
export const clusterConditions = {
  /** Clusters whose catalog entity is owned by one of `claims`. */
  isEntityOwner(params: EntityOwnerParams): ClusterCondition {
    return {
      rule: IS_ENTITY_OWNER_RULE,
      resourceType: CLUSTER_RESOURCE_TYPE,
      params,
    };
  },
};

/**
 * Wraps conditions into the conditional decision a policy returns for a
 * write on a release (its templates and steps included):
 *
 * ```ts
 * createReleaseConditionalDecision(
 *   request.permission,
 *   releaseConditions.isEntityOwner({ claims: user.info.ownershipEntityRefs }),
 * );
 * ```
 *
 * @public
 */
export function createReleaseConditionalDecision(
  permission: ResourcePermission<typeof RELEASE_RESOURCE_TYPE>,
  conditions: PermissionCriteria<ReleaseCondition>,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: RELEASE_ORCHESTRATION_PLUGIN_ID,
    resourceType: permission.resourceType,
    conditions,
  };
}

/**
 * Wraps conditions into the conditional decision a policy returns for a
 * write on a cluster (its customers included).
 *
 * @public
 */
export function createClusterConditionalDecision(
  permission: ResourcePermission<typeof CLUSTER_RESOURCE_TYPE>,
  conditions: PermissionCriteria<ClusterCondition>,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: RELEASE_ORCHESTRATION_PLUGIN_ID,
    resourceType: permission.resourceType,
    conditions,
  };
}
