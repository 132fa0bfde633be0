import { ResponseError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef, SignalApi } from '@backstage/plugin-signals-react';
import { mockApis } from '@backstage/test-utils';
import {
  Deployment,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';
import { DeploymentRollbackApi } from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    annotations: {
      'opshub.io/deployment-service': 'payments-api',
      'github.com/project-slug': 'acme/payments-api',
    },
  },
  spec: {},
};

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  return {
    id: 1,
    service: 'payments-api',
    environment: 'dev',
    version: '2.4.0',
    commitSha: '9f1c2ab0000',
    status: 'succeeded',
    source: 'webhook',
    rollbackOf: null,
    triggeredBy: 'user:default/alice.nguyen',
    startedAt: '2026-11-01T10:00:00Z',
    finishedAt: '2026-11-01T10:04:00Z',
    externalId: null,
    url: null,
    reason: null,
    message: null,
    ...overrides,
  };
}

export function version(
  overrides: Partial<EnvironmentVersion> = {},
): EnvironmentVersion {
  return {
    service: 'payments-api',
    environment: 'dev',
    version: '2.4.0',
    deploymentId: 1,
    deployedAt: '2026-11-01T10:04:00Z',
    latestStatus: 'succeeded',
    autoSync: false,
    executor: 'generic',
    ...overrides,
  };
}

export const emptyPage = { items: [], totalCount: 0, limit: 20, offset: 0 };

/** A mock API whose every method is a jest.fn with a harmless default. */
export function mockApi(
  overrides: Partial<Record<keyof DeploymentRollbackApi, jest.Mock>> = {},
) {
  const api = {
    listDeployments: jest.fn().mockResolvedValue(emptyPage),
    getDeployment: jest.fn(),
    getCurrentVersions: jest.fn().mockResolvedValue({ items: [] }),
    getRollbackTarget: jest
      .fn()
      .mockResolvedValue({ target: null, current: null, blocked: null }),
    triggerDeployment: jest.fn(),
    rollback: jest.fn(),
    listAudit: jest.fn().mockResolvedValue(emptyPage),
    exportAuditCsv: jest.fn(),
    listDeliveries: jest.fn().mockResolvedValue(emptyPage),
    listPreviews: jest
      .fn()
      .mockResolvedValue({ ...emptyPage, configured: true }),
    ...overrides,
  };
  return api;
}

/**
 * A permission API entry for `TestApiProvider` that allows everything but
 * the permissions named in `denied`; `asked` lists `name@resourceRef` of
 * every resource permission it answered. `usePermission` caches answers for
 * the whole test file, so each denied policy has its own test file.
 */
export function permissions(denied: string[] = []) {
  const api = mockApis.permission({
    authorize: request =>
      denied.includes(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  const asked: string[] = [];
  const authorize = api.authorize.bind(api);
  api.authorize = async request => {
    asked.push(
      'resourceRef' in request && request.resourceRef
        ? `${request.permission.name}@${request.resourceRef}`
        : request.permission.name,
    );
    return authorize(request);
  };
  return Object.assign([permissionApiRef, api] as const, { asked });
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
  return Object.assign([signalApiRef, api] as const, {
    emit,
    channels: () =>
      [...listeners.entries()].filter(([, l]) => l.length).map(([c]) => c),
  });
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
