import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deploymentRollbackApiRef } from '../api';

/** Deployment history, optionally for one service, one page at a time. */
export function useDeployments(options: {
  service?: string;
  limit: number;
  offset: number;
}) {
  const api = useApi(deploymentRollbackApiRef);
  const { service, limit, offset } = options;
  return useAsyncRetry(
    () => api.listDeployments({ service, limit, offset }),
    [api, service, limit, offset],
  );
}

/** The version running in each environment, optionally for one service. */
export function useCurrentVersions(service?: string) {
  const api = useApi(deploymentRollbackApiRef);
  return useAsyncRetry(
    async () => (await api.getCurrentVersions({ service })).items,
    [api, service],
  );
}
