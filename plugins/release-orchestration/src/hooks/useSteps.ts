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
 * Every customer of every cluster (up to 500), for the customer pickers.
 *
 * @internal
 */
export function useAllCustomers() {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(
    async () => (await api.searchCustomers({ limit: 500 })).items,
    [api],
  );
}
