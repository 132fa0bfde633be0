import { InputError } from '@backstage/errors';
import { checkKubeconfigPath } from './kubeconfig';

describe('checkKubeconfigPath', () => {
  const root = '/srv/kubeconfigs';

  it.each([
    ['eu-west-1.yaml'],
    ['clusters/eu-west-1/config'],
    ['./eu-west-1.yaml'],
    ['/srv/kubeconfigs/eu-west-1.yaml'],
    ['/srv/kubeconfigs/nested/deeper/x'],
  ])('accepts %s under the root', value => {
    expect(checkKubeconfigPath(root, value)).toBe(value);
  });

  it.each([
    ['../../etc/passwd', "'..' segments"],
    ['a/../../b', "'..' segments"],
    ['a/../b', "'..' segments"],
    ['..\\..\\windows', "'..' segments"],
    ['/etc/passwd', 'under the configured kubeconfig root'],
    ['/srv/kubeconfigs', 'under the configured kubeconfig root'],
    ['/srv/kubeconfigs-other/x', 'under the configured kubeconfig root'],
    ['.', 'under the configured kubeconfig root'],
    ['a\0b', 'NUL'],
  ])('refuses %s', (value, why) => {
    expect(() => checkKubeconfigPath(root, value)).toThrow(InputError);
    expect(() => checkKubeconfigPath(root, value)).toThrow(
      /^Invalid body: kubeconfigPath: /,
    );
    expect(() => checkKubeconfigPath(root, value)).toThrow(why);
  });

  it('refuses any path when no root is configured', () => {
    expect(() => checkKubeconfigPath(undefined, 'x.yaml')).toThrow(
      'releaseOrchestration.kubeconfigRoot is not configured',
    );
  });

  it('lets null and undefined through, with or without a root', () => {
    expect(checkKubeconfigPath(undefined, null)).toBeNull();
    expect(checkKubeconfigPath(undefined, undefined)).toBeUndefined();
    expect(checkKubeconfigPath(root, null)).toBeNull();
  });

  it('accepts a root given with a trailing separator', () => {
    expect(checkKubeconfigPath('/srv/kubeconfigs/', 'x.yaml')).toBe('x.yaml');
    expect(() =>
      checkKubeconfigPath('/srv/kubeconfigs/', '/srv/kubeconfigsx/y'),
    ).toThrow(InputError);
  });
});
