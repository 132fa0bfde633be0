import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { infraHealthApiRef } from '../api';
import { REFRESH_INTERVAL_MS } from './useHealthChecks';

/**
 * SLOs with their figures, optionally of one service, reloaded every 30
 * seconds.
 *
 * @internal
 */
export function useSlos(service?: string) {
  const api = useApi(infraHealthApiRef);
  const state = useAsyncRetry(
    async () => (await api.listSlos({ service })).items,
    [api, service],
  );
  useInterval(state.retry, REFRESH_INTERVAL_MS);
  return state;
}
