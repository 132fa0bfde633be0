import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { infraHealthApiRef } from '../api';

/**
 * How often the health views reload, in milliseconds.
 *
 * @internal
 */
export const REFRESH_INTERVAL_MS = 30_000;

/**
 * Health checks with their status, optionally of one service, reloaded every
 * 30 seconds. The previous value stays visible while reloading.
 *
 * @internal
 */
export function useHealthChecks(service?: string) {
  const api = useApi(infraHealthApiRef);
  const state = useAsyncRetry(
    async () => (await api.listChecks({ service })).items,
    [api, service],
  );
  useInterval(state.retry, REFRESH_INTERVAL_MS);
  return state;
}
