import { Entity } from '@backstage/catalog-model';
import { devopsInspectorPlugin, isDevopsInspectorAvailable } from './plugin';

const resource = (annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'payments-db-dev', annotations },
  spec: { type: 'database' },
});

describe('devops-inspector plugin', () => {
  it('is named after the plugin id', () => {
    expect(devopsInspectorPlugin.getId()).toBe('devops-inspector');
  });

  it('is available when the entity names an environment', () => {
    expect(
      isDevopsInspectorAvailable(
        resource({ 'opshub.io/inspector-environment': 'dev' }),
      ),
    ).toBe(true);
    expect(
      isDevopsInspectorAvailable(
        resource({ 'opshub.io/inspector-environment': '  ' }),
      ),
    ).toBe(false);
    expect(isDevopsInspectorAvailable(resource())).toBe(false);
  });
});
