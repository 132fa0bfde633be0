import { isResourcePermission } from '@backstage/plugin-permission-common';
import { INFRA_HEALTH_PLUGIN_ID } from './constants';
import {
  alertAcknowledgePermission,
  alertEscalatePermission,
  alertResolvePermission,
  checkReadPermission,
  infraHealthPermissions,
} from './permissions';

describe('infra-health permissions', () => {
  it('are named <plugin id>.<resource>.<action>', () => {
    expect(infraHealthPermissions.map(p => p.name)).toEqual([
      'infra-health.check.read',
      'infra-health.check.manage',
      'infra-health.alert.acknowledge',
      'infra-health.alert.escalate',
      'infra-health.slo.manage',
      'infra-health.alert.resolve',
    ]);
    for (const permission of infraHealthPermissions) {
      expect(permission.name.startsWith(`${INFRA_HEALTH_PLUGIN_ID}.`)).toBe(
        true,
      );
    }
  });

  it('are basic permissions with the expected actions', () => {
    expect(isResourcePermission(checkReadPermission)).toBe(false);
    expect(checkReadPermission.attributes.action).toBe('read');
    expect(alertAcknowledgePermission.attributes.action).toBe('update');
    expect(alertEscalatePermission.attributes.action).toBe('update');
    expect(alertResolvePermission.attributes.action).toBe('update');
  });
});
