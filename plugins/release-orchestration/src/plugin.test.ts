import { Entity } from '@backstage/catalog-model';
import {
  isReleaseComponentAvailable,
  isReleaseOrchestrationAvailable,
  releaseOrchestrationPlugin,
} from './plugin';

const resource = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'cluster-eu-west', annotations },
  spec: {},
});

describe('releaseOrchestrationPlugin', () => {
  it('has the family plugin id', () => {
    expect(releaseOrchestrationPlugin.getId()).toBe('release-orchestration');
  });
});

describe('isReleaseOrchestrationAvailable', () => {
  it('is true for entities with the cluster annotation', () => {
    expect(
      isReleaseOrchestrationAvailable(
        resource({ 'opshub.io/release-cluster': 'eu-west-1' }),
      ),
    ).toBe(true);
  });

  it('is false without it, or when it is blank', () => {
    expect(isReleaseOrchestrationAvailable(resource())).toBe(false);
    expect(
      isReleaseOrchestrationAvailable(
        resource({ 'opshub.io/release-cluster': '  ' }),
      ),
    ).toBe(false);
    expect(
      isReleaseOrchestrationAvailable(
        resource({ 'opshub.io/release-customer': 'tenant-acme' }),
      ),
    ).toBe(false);
  });
});

describe('isReleaseComponentAvailable', () => {
  it('is true for entities with the component annotation only', () => {
    expect(
      isReleaseComponentAvailable(
        resource({ 'opshub.io/release-component': 'payments-api' }),
      ),
    ).toBe(true);
    expect(isReleaseComponentAvailable(resource())).toBe(false);
    expect(
      isReleaseComponentAvailable(
        resource({ 'opshub.io/release-component': ' ' }),
      ),
    ).toBe(false);
  });
});
