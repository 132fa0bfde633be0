import {
  createInspectorEnvironmentConditionalDecision,
  inspectorEnvironmentConditions,
  inspectorEnvironmentReadPermission,
} from '@opshub/plugin-devops-inspector-common';
import { inspectorEnvironmentResourceRef, isEnvironmentTier } from './rules';

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

  it('accepts the conditions policies build from the common package', async () => {
    const decision = createInspectorEnvironmentConditionalDecision(
      inspectorEnvironmentReadPermission,
      inspectorEnvironmentConditions.isEnvironmentTier({
        tiers: ['local', 'dev'],
      }),
    );
    expect(decision.pluginId).toBe(inspectorEnvironmentResourceRef.pluginId);
    expect(decision.resourceType).toBe(
      inspectorEnvironmentResourceRef.resourceType,
    );
    const condition = decision.conditions as unknown as {
      rule: string;
      params: { tiers: Array<'local' | 'dev'> };
    };
    expect(condition.rule).toBe(isEnvironmentTier.name);
    const schema = isEnvironmentTier.paramsSchema!['~standard'];
    expect(await schema.validate(condition.params)).toEqual({
      value: condition.params,
    });
    expect(
      isEnvironmentTier.apply({ name: 'dev', tier: 'dev' }, condition.params),
    ).toBe(true);
  });
});
