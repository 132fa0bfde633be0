import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/**
 * Links inside the release-orchestration page, wherever it is mounted.
 *
 * @internal
 */
export function usePaths() {
  let root: string;
  try {
    // useRouteRef throws only after its own hooks ran, so the hook order is
    // the same on every render
    // eslint-disable-next-line react-hooks/rules-of-hooks
    root = useRouteRef(rootRouteRef)();
  } catch {
    // the page is not mounted (an entity tab in a test or another app)
    root = '/releases';
  }
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return {
    root: base || '/',
    newRelease: `${base}/new`,
    clusters: `${base}/clusters`,
    release: (id: number) => `${base}/releases/${id}`,
    templates: (id: number) => `${base}/releases/${id}/templates`,
    releaseCustomer: (id: number, customerId: number) =>
      `${base}/releases/${id}/customers/${customerId}`,
    customer: (customerId: number) => `${base}/customers/${customerId}`,
  };
}
