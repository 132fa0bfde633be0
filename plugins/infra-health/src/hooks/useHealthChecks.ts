import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { INFRA_HEALTH_CHECKS_SIGNAL_CHANNEL } from '@opshub/plugin-infra-health-common';
import { useEffect } from 'react';
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
 * Reloads `retry` whenever the backend announces a check change on
 * `infra-health:checks` (a status change, or a check added, edited or
 * deleted). Without the signals plugin nothing arrives and the views still
 * reload every 30 seconds.
 *
 * @internal
 */
export function useCheckSignals(retry: () => void) {
  const { lastSignal } = useSignal(INFRA_HEALTH_CHECKS_SIGNAL_CHANNEL);
  useEffect(() => {
    if (lastSignal) retry();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal]);
}

/**
 * Health checks with their status, optionally of one service, reloaded every
 * 30 seconds and on every check signal. The previous value stays visible
 * while reloading.
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
  useCheckSignals(state.retry);
  return state;
}

/**
 * {@link useHealthChecks} with whether the user may add, edit and delete
 * checks (`infra-health.check.manage`, decided by the backend).
 *
 * @internal
 */
export function useManagedHealthChecks(service?: string) {
  const api = useApi(infraHealthApiRef);
  const state = useAsyncRetry(async () => {
    const { items, canManage } = await api.listChecks({ service });
    return { checks: items, canManage: canManage === true };
  }, [api, service]);
  useInterval(state.retry, REFRESH_INTERVAL_MS);
  useCheckSignals(state.retry);
  return state;
}

/**
 * One check with its status, reloaded like {@link useHealthChecks}.
 *
 * @internal
 */
export function useHealthCheck(checkId: number) {
  const api = useApi(infraHealthApiRef);
  const state = useAsyncRetry(() => api.getCheck(checkId), [api, checkId]);
  useInterval(state.retry, REFRESH_INTERVAL_MS);
  useCheckSignals(state.retry);
  return state;
}
