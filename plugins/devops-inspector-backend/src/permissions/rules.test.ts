import { inspectorEnvironmentReadPermission } from '@opshub/plugin-devops-inspector-common';
import {
  createInspectorEnvironmentConditionalDecision,
  inspectorEnvironmentConditions,
  isEnvironmentTier,
} from './rules';

describe('isEnvironmentTier', () => {
  it('matches environments by tier', () => {
    const params = { tiers: ['dev' as const, 'uat' as const] };
    expect(isEnvironmentTier.apply({ name: 'dev', tier: 'dev' }, params)).toBe(
      true,
    );
    expect(
      isEnvironmentTier.apply({ name: 'prod', tier: 'prod' }, params),
    ).toBe(false);
  });

  it('validates its params', async () => {
    const schema = isEnvironmentTier.paramsSchema!['~standard'];
    expect(await schema.validate({ tiers: ['prod'] })).toEqual({
      value: { tiers: ['prod'] },
    });
    const bad = (await schema.validate({ tiers: ['production'] })) as {
      issues: Array<{ message: string }>;
    };
    expect(bad.issues[0].message).toMatch(/tiers must be/);
    expect(await schema.validate({ tiers: [] })).toHaveProperty('issues');
  });

  it('builds a conditional decision for a policy', () => {
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
});
