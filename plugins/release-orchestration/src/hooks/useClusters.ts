import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../api';

/**
 * Every cluster with its customer counts.
 *
 * @internal
 */
export function useClusters(refresh = 0) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(
    async () => (await api.listClusters()).items,
    [api, refresh],
  );
}

/**
 * One cluster by name.
 *
 * @internal
 */
export function useCluster(name: string) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(() => api.getCluster(name), [api, name]);
}
