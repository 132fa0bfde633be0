import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { ResponseError } from '@backstage/errors';
import { HealthAlert } from '@opshub/plugin-infra-health-common';
import { mockApis } from '@backstage/test-utils';

/** A firing alert of payments-api, for tests. */
export function healthAlert(overrides: Partial<HealthAlert> = {}): HealthAlert {
  return {
    id: 1,
    fingerprint: '5f2c9a1e0b7d4c31',
    startsAt: new Date(Date.now() - 12 * 60_000).toISOString(),
    endsAt: null,
    alertname: 'HighErrorRate',
    service: 'payments-api',
    severity: 'critical',
    summary: 'payments-api answers 7% HTTP 5xx',
    description: null,
    labels: { alertname: 'HighErrorRate', service: 'payments-api' },
    annotations: {},
    generatorUrl: 'http://prometheus.example.com/graph?g0.expr=up',
    runbookUrl: 'https://runbooks.example.com/high-error-rate',
    dashboardUrl: null,
    state: 'firing',
    acknowledgement: null,
    resolution: null,
    lastReceivedAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

/** A page of alerts as the backend answers it. */
export const alertPage = (items: HealthAlert[]) => ({
  items,
  totalCount: items.length,
  limit: 20,
  offset: 0,
});

/**
 * A permission API entry for `TestApiProvider` that allows everything but
 * the permissions named in `denied`. `usePermission` caches its answers for
 * the whole test file, so each denied policy has its own test file.
 */
export function permissions(denied: string[] = []) {
  const api = mockApis.permission({
    authorize: request =>
      denied.includes(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return [permissionApiRef, api] as const;
}

/** A signal API whose `emit(channel)` delivers a message to subscribers. */
export function signals() {
  type Listener = (message: any) => void;
  const listeners = new Map<string, Listener[]>();
  const api = {
    subscribe(channel: string, onMessage: Listener) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), onMessage]);
      return {
        unsubscribe: () =>
          listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter(l => l !== onMessage),
          ),
      };
    },
  } as SignalApi;
  const emit = (channel: string, message: object = {}) =>
    (listeners.get(channel) ?? []).forEach(l => l(message));
  return Object.assign([signalApiRef, api] as const, { emit });
}

/** A failed response as the backend's error middleware writes it. */
export function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: 'Failed',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
}
