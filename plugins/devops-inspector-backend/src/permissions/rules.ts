import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  DEVOPS_INSPECTOR_PLUGIN_ID,
  EnvironmentTier,
  INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
  INSPECTOR_ENVIRONMENT_TIERS,
} from '@opshub/plugin-devops-inspector-common';

/**
 * What a permission policy sees of an environment: its name and tier, never
 * its connection.
 *
 * @public
 */
export interface InspectorEnvironmentResource {
  name: string;
  tier: EnvironmentTier;
}

/** @public */
export type InspectorEnvironmentQuery = { tiers: EnvironmentTier[] };

/**
 * The environment resource type of `devops-inspector.environment.read` and
 * `devops-inspector.schema.compare`; the resource ref is the environment name.
 *
 * @public
 */
export const inspectorEnvironmentResourceRef = createPermissionResourceRef<
  InspectorEnvironmentResource,
  InspectorEnvironmentQuery
>().with({
  pluginId: DEVOPS_INSPECTOR_PLUGIN_ID,
  resourceType: INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
});

const tiersJsonSchema = {
  type: 'object',
  properties: {
    tiers: {
      type: 'array',
      items: { type: 'string', enum: [...INSPECTOR_ENVIRONMENT_TIERS] },
      minItems: 1,
      description: 'Tiers to match, for example ["local", "dev", "uat"]',
    },
  },
  required: ['tiers'],
  additionalProperties: false,
};

function isTierList(value: unknown): value is EnvironmentTier[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(tier =>
      (INSPECTOR_ENVIRONMENT_TIERS as readonly unknown[]).includes(tier),
    )
  );
}

/**
 * Matches environments whose tier is one of `tiers`. A policy that lets
 * everybody read local, dev and uat but not prod returns
 * `createInspectorEnvironmentConditionalDecision(permission,
 * inspectorEnvironmentConditions.isEnvironmentTier({ tiers: ['local', 'dev', 'uat'] }))`.
 *
 * @public
 */
export const isEnvironmentTier = createPermissionRule<
  typeof inspectorEnvironmentResourceRef,
  InspectorEnvironmentQuery
>({
  name: 'IS_ENVIRONMENT_TIER',
  description: 'Allow environments whose tier is one of the given tiers',
  resourceRef: inspectorEnvironmentResourceRef,
  paramsSchema: {
    '~standard': {
      version: 1,
      vendor: 'opshub',
      validate(value: unknown) {
        const tiers = (value as { tiers?: unknown } | undefined)?.tiers;
        return isTierList(tiers)
          ? { value: { tiers } }
          : {
              issues: [
                {
                  message: `tiers must be a non-empty list of ${INSPECTOR_ENVIRONMENT_TIERS.join(
                    ', ',
                  )}`,
                  path: ['tiers'],
                },
              ],
            };
      },
      jsonSchema: {
        input: () => tiersJsonSchema,
        output: () => tiersJsonSchema,
      },
    },
  },
  apply: (resource, { tiers }) => tiers.includes(resource.tier),
  toQuery: ({ tiers }) => ({ tiers }),
});

/** Every rule of the environment resource type. @public */
export const inspectorEnvironmentRules = { isEnvironmentTier };

const conditionExports = createConditionExports({
  resourceRef: inspectorEnvironmentResourceRef,
  rules: inspectorEnvironmentRules,
});

/**
 * Condition factories for permission policies.
 *
 * @public
 */
export const inspectorEnvironmentConditions = conditionExports.conditions;

/**
 * Wraps conditions into a conditional decision for a policy.
 *
 * @public
 */
export const createInspectorEnvironmentConditionalDecision =
  conditionExports.createConditionalDecision;
