import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  DEVOPS_INSPECTOR_PLUGIN_ID,
  EnvironmentTier,
  INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
  INSPECTOR_ENVIRONMENT_TIERS,
  InspectorEnvironmentTierParams,
  IS_ENVIRONMENT_TIER_RULE,
} from '@opshub/plugin-devops-inspector-common';

/**
 * What a permission policy sees of an environment: its name and tier, never
 * its connection.
 *
 * @internal
 */
export interface InspectorEnvironmentResource {
  name: string;
  tier: EnvironmentTier;
}

/** @internal */
export type InspectorEnvironmentQuery = InspectorEnvironmentTierParams;

/**
 * The environment resource type of `devops-inspector.environment.read` and
 * `devops-inspector.schema.compare`; the resource ref is the environment name.
 *
 * @internal
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
 * Matches environments whose tier is one of `tiers`. Policies build its
 * conditions with `inspectorEnvironmentConditions` and
 * `createInspectorEnvironmentConditionalDecision` from
 * `@opshub/plugin-devops-inspector-common`.
 *
 * @internal
 */
export const isEnvironmentTier = createPermissionRule<
  typeof inspectorEnvironmentResourceRef,
  InspectorEnvironmentQuery
>({
  name: IS_ENVIRONMENT_TIER_RULE,
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
