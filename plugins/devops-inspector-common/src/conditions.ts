import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  DEVOPS_INSPECTOR_PLUGIN_ID,
  INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
} from './constants';
import { EnvironmentTier } from './types';

/**
 * Name of the permission rule that matches environments by tier; the
 * backend registers it for the environment resource type.
 *
 * @public
 */
export const IS_ENVIRONMENT_TIER_RULE = 'IS_ENVIRONMENT_TIER';

/**
 * Params of {@link IS_ENVIRONMENT_TIER_RULE}: a non-empty list of tiers.
 *
 * @public
 */
export type InspectorEnvironmentTierParams = { tiers: EnvironmentTier[] };

/**
 * A condition on inspector environments, for a permission policy.
 *
 * @public
 */
export type InspectorEnvironmentCondition = PermissionCondition<
  typeof INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
  InspectorEnvironmentTierParams
>;

/**
 * Condition factories for permission policies, one per rule of the
 * environment resource type.
 *
 * @public
 */
export const inspectorEnvironmentConditions = {
  /** Environments whose tier is one of `tiers`. */
  isEnvironmentTier(
    params: InspectorEnvironmentTierParams,
  ): InspectorEnvironmentCondition {
    return {
      rule: IS_ENVIRONMENT_TIER_RULE,
      resourceType: INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
      params,
    };
  },
};

/**
 * Wraps conditions into the conditional decision a policy returns for a
 * permission on inspector environments. A policy that lets everybody read
 * every tier but prod:
 *
 * ```ts
 * createInspectorEnvironmentConditionalDecision(
 *   request.permission,
 *   inspectorEnvironmentConditions.isEnvironmentTier({ tiers: ['local', 'dev', 'uat'] }),
 * );
 * ```
 *
 * @public
 */
export function createInspectorEnvironmentConditionalDecision(
  permission: ResourcePermission<typeof INSPECTOR_ENVIRONMENT_RESOURCE_TYPE>,
  conditions: PermissionCriteria<InspectorEnvironmentCondition>,
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: DEVOPS_INSPECTOR_PLUGIN_ID,
    resourceType: permission.resourceType,
    conditions,
  };
}
