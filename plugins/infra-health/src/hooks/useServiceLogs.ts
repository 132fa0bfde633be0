import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { infraHealthApiRef } from '../api';
import { REFRESH_INTERVAL_MS } from './useHealthChecks';

/**
 * The recent error and warning log lines of a service, reloaded every 30
 * seconds.
 *
 * @internal
 */
export function useServiceLogs(service: string, limit = 50) {
  const api = useApi(infraHealthApiRef);
  const state = useAsyncRetry(
    () => api.getLogs({ service, limit }),
    [api, service, limit],
  );
  useInterval(state.retry, REFRESH_INTERVAL_MS);
  return state;
}
