import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../api';

/**
 * The customers of one cluster, one page at a time.
 *
 * @internal
 */
export function useClusterCustomers(options: {
  clusterName: string;
  limit: number;
  offset: number;
  /** Bumped after writes; refetches. */
  refresh?: number;
}) {
  const api = useApi(releaseOrchestrationApiRef);
  const { clusterName, limit, offset, refresh = 0 } = options;
  return useAsyncRetry(
    () => api.listClusterCustomers(clusterName, { limit, offset }),
    [api, clusterName, limit, offset, refresh],
  );
}
