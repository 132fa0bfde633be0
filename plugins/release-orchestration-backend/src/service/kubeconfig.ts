import { InputError } from '@backstage/errors';
import path from 'path';

/**
 * Checks a cluster's `kubeconfigPath` against the configured root
 * (`releaseOrchestration.kubeconfigRoot`): relative paths resolve from the
 * root, absolute ones must already lie under it. `..` segments and NUL are
 * refused outright (the request schema refuses them too), and the resolved
 * path must start with the resolved root plus a separator, so neither the
 * root itself nor a sibling such as `<root>-other` passes.
 *
 * Returns the path as given (it is stored that way); null stays null.
 *
 * @throws InputError naming `kubeconfigPath`
 * @internal
 */
export function checkKubeconfigPath(
  root: string | undefined,
  value: string | null | undefined,
): string | null | undefined {
  if (value === undefined || value === null) {
    return value;
  }
  const fail = (why: string) =>
    new InputError(`Invalid body: kubeconfigPath: ${why}`);
  if (!root) {
    throw fail(
      'releaseOrchestration.kubeconfigRoot is not configured, so no kubeconfig path is accepted',
    );
  }
  if (value.includes('\0')) {
    throw fail('must not contain NUL');
  }
  if (hasDotDotSegment(value)) {
    throw fail("must not contain '..' segments");
  }
  const base = path.resolve(root);
  const resolved = path.resolve(base, value);
  const prefix = base.endsWith(path.sep) ? base : `${base}${path.sep}`;
  if (!resolved.startsWith(prefix)) {
    throw fail('must resolve under the configured kubeconfig root');
  }
  return value;
}

/** True when a `/`- or `\`-separated segment is `..`. @internal */
export function hasDotDotSegment(value: string): boolean {
  return value.split(/[\\/]/).some(segment => segment === '..');
}
