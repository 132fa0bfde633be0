import {
  createInspectorEnvironmentConditionalDecision,
  inspectorEnvironmentConditions,
} from './conditions';
import {
  inspectorEnvironmentReadPermission,
  inspectorSchemaComparePermission,
} from './permissions';

describe('inspector environment conditions', () => {
  it('build the conditional decision a policy returns', () => {
    const decision = createInspectorEnvironmentConditionalDecision(
      inspectorEnvironmentReadPermission,
      inspectorEnvironmentConditions.isEnvironmentTier({
        tiers: ['local', 'dev'],
      }),
    );
    expect(decision).toEqual({
      result: 'CONDITIONAL',
      pluginId: 'devops-inspector',
      resourceType: 'devops-inspector-environment',
      conditions: {
        rule: 'IS_ENVIRONMENT_TIER',
        resourceType: 'devops-inspector-environment',
        params: { tiers: ['local', 'dev'] },
      },
    });
  });

  it('combine with allOf/not for the compare permission', () => {
    const decision = createInspectorEnvironmentConditionalDecision(
      inspectorSchemaComparePermission,
      {
        not: inspectorEnvironmentConditions.isEnvironmentTier({
          tiers: ['prod'],
        }),
      },
    );
    expect(decision.conditions).toEqual({
      not: {
        rule: 'IS_ENVIRONMENT_TIER',
        resourceType: 'devops-inspector-environment',
        params: { tiers: ['prod'] },
      },
    });
  });
});
