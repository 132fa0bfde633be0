import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../api';

/**
 * One customer step and its history, newest first.
 *
 * @internal
 */
export function useStepDetail(stepId: number, refresh = 0) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(async () => {
    const [step, events] = await Promise.all([
      api.getStep(stepId),
      api.listStepEvents(stepId),
    ]);
    return { step, events: [...events.items].reverse() };
  }, [api, stepId, refresh]);
}

/**
 * The steps of one customer in one release.
 *
 * @internal
 */
export function useCustomerSteps(
  releaseId: number,
  customerId: number,
  refresh = 0,
) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(
    async () => (await api.listCustomerSteps(releaseId, customerId)).items,
    [api, releaseId, customerId, refresh],
  );
}

/**
 * One page of the customers of every cluster whose name or namespace
 * contains `search` (searched and paged on the server).
 *
 * @internal
 */
export function useCustomerSearch(options: {
  search: string;
  limit: number;
  offset: number;
}) {
  const api = useApi(releaseOrchestrationApiRef);
  const { limit, offset } = options;
  const search = options.search.trim() || undefined;
  return useAsyncRetry(
    () => api.searchCustomers({ search, limit, offset }),
    [api, search, limit, offset],
  );
}
