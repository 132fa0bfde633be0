import { useApi } from '@backstage/core-plugin-api';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { devopsInspectorApiRef } from '../api';

/**
 * How often the drawer and the page tabs measure again.
 *
 * @internal
 */
export const REFRESH_INTERVAL_MS = 10_000;

/**
 * Refresh options shared by the drawer sections and page tabs: measure again
 * every `intervalMs` (none when `null`) and whenever `refreshToken` changes.
 *
 * @internal
 */
export interface RefreshOptions {
  intervalMs?: number | null;
  refreshToken?: number;
}

function useRefreshing<T>(
  fn: () => Promise<T>,
  deps: unknown[],
  options: RefreshOptions,
) {
  const state = useAsyncRetry(fn, deps);
  const { retry } = state;
  useInterval(retry, options.intervalMs ?? null);
  const { refreshToken } = options;
  useEffect(() => {
    if (refreshToken) {
      retry();
    }
    // only a new token asks again, not a new `retry`
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refreshToken]);
  return state;
}

/** @internal */
export function useStatusSummary(options: RefreshOptions = {}) {
  const api = useApi(devopsInspectorApiRef);
  return useRefreshing(() => api.getStatus(), [api], options);
}

/** @internal */
export function useEnvironmentInfo(options: RefreshOptions = {}) {
  const api = useApi(devopsInspectorApiRef);
  return useRefreshing(() => api.getEnvironmentInfo(), [api], options);
}

/** @internal */
export function useConfigStatus(options: RefreshOptions = {}) {
  const api = useApi(devopsInspectorApiRef);
  return useRefreshing(() => api.getConfigStatus(), [api], options);
}

/** @internal */
export function useEnvironmentList(options: RefreshOptions = {}) {
  const api = useApi(devopsInspectorApiRef);
  return useRefreshing(
    async () => (await api.listEnvironments()).items,
    [api],
    options,
  );
}

/** @internal */
export function useTableDetail(
  environment: string,
  schema: string,
  table: string,
) {
  const api = useApi(devopsInspectorApiRef);
  return useAsyncRetry(
    () => api.getTableDetail(environment, schema, table),
    [api, environment, schema, table],
  );
}

/** @internal */
export function useProcessMetrics(options: RefreshOptions = {}) {
  const api = useApi(devopsInspectorApiRef);
  return useRefreshing(() => api.getProcessMetrics(), [api], options);
}
