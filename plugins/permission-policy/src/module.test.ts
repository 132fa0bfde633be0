import { ConfigReader } from '@backstage/config';
import { readAdminGroup } from './module';

describe('readAdminGroup', () => {
  const read = (adminGroup?: unknown) =>
    readAdminGroup(
      new ConfigReader(
        adminGroup === undefined
          ? {}
          : { opshub: { permissions: { adminGroup } } },
      ),
    );

  it('normalizes a group ref and defaults the kind to group', () => {
    expect(read('group:default/platform-admins')).toBe(
      'group:default/platform-admins',
    );
    expect(read('platform-admins')).toBe('group:default/platform-admins');
    expect(read('Group:ops/Admins')).toBe('group:ops/admins');
  });

  it('is undefined when unset or blank', () => {
    expect(read()).toBeUndefined();
    expect(read('  ')).toBeUndefined();
  });

  it('rejects refs that are not groups', () => {
    expect(() => read('user:default/alice')).toThrow(
      /opshub.permissions.adminGroup must be a group entity ref/,
    );
  });
});
