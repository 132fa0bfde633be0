import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  ALERTS_SIGNAL_CHANNEL,
  AlertState,
} from '@opshub/plugin-infra-health-common';
import { useCallback, useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraHealthApiRef } from '../api';

/**
 * A counter that goes up on every message of `infra-health:alerts` and on
 * `bump()` (after a write). The alert hooks depend on it, so open pages
 * refetch when an alert changes anywhere.
 *
 * @internal
 */
export function useAlertsRefresh() {
  const { lastSignal } = useSignal(ALERTS_SIGNAL_CHANNEL);
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    if (lastSignal) setRefresh(n => n + 1);
  }, [lastSignal]);
  const bump = useCallback(() => setRefresh(n => n + 1), []);
  return { refresh, bump };
}

/** @internal */
export interface AlertsQuery {
  state?: AlertState;
  service?: string;
  severity?: string;
  limit: number;
  offset: number;
}

/**
 * One page of alerts, newest first; refetched when `refresh` changes. The
 * previous page stays visible while the next one loads.
 *
 * @internal
 */
export function useAlerts(query: AlertsQuery, refresh: number) {
  const api = useApi(infraHealthApiRef);
  const { state, service, severity, limit, offset } = query;
  return useAsyncRetry(
    () => api.listAlerts({ state, service, severity, limit, offset }),
    [api, state, service, severity, limit, offset, refresh],
  );
}
