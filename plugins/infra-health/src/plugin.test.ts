import { Entity } from '@backstage/catalog-model';
import { infraHealthPlugin, isInfraHealthAvailable } from './plugin';

const entity = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations },
});

describe('infra-health plugin', () => {
  it('has the family id', () => {
    expect(infraHealthPlugin.getId()).toBe('infra-health');
  });

  it('is available for entities with the health-service annotation', () => {
    expect(
      isInfraHealthAvailable(
        entity({ 'opshub.io/health-service': 'payments-api' }),
      ),
    ).toBe(true);
    expect(
      isInfraHealthAvailable(entity({ 'opshub.io/health-service': ' ' })),
    ).toBe(false);
    expect(isInfraHealthAvailable(entity())).toBe(false);
  });
});
