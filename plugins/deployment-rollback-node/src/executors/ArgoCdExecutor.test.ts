import { ConfigReader } from '@backstage/config';
import { ConflictError } from '@backstage/errors';
import type { ServerResponse } from 'http';
import { ExecutorRefusedError, isExecutorRefusedError } from '../errors';
import {
  json,
  ReceivedRequest,
  useProviderServers,
} from '../__testUtils__/providerServer';
import { ArgoCdExecutor, argoCdState } from './ArgoCdExecutor';

jest.setTimeout(60_000);

const TOKEN = 'argocd-api-token-eyJhbGciOi';

type App = {
  metadata: { name: string };
  spec: {
    syncPolicy?: {
      automated?: { prune?: boolean; selfHeal?: boolean; enabled?: boolean };
    };
  };
  status: Record<string, any>;
};

function application(name: string, overrides: Partial<App> = {}): App {
  return {
    metadata: { name },
    spec: {},
    status: {
      sync: { status: 'Synced', revision: '2.1.0' },
      health: { status: 'Healthy' },
      history: [
        { id: 1, revision: '1.9.0', deployedAt: '2026-11-01T10:00:00Z' },
        { id: 2, revision: '2.0.0', deployedAt: '2026-11-10T10:00:00Z' },
        { id: 3, revision: '2.1.0', deployedAt: '2026-11-20T10:00:00Z' },
      ],
      operationState: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        operation: { sync: { revision: '2.1.0' } },
        syncResult: { revision: '2.1.0' },
      },
    },
    ...overrides,
  };
}

/** gRPC-gateway errors as Argo CD's API server writes them. */
function grpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
) {
  json(res, status, { error: message, code, message });
}

/**
 * Answers like Argo CD's API server for the applications it holds:
 * GET returns the application, POST sync and rollback answer it, unknown
 * applications are 404, another token 401, and a rollback under automated
 * sync is refused with 400 (FailedPrecondition).
 */
function argo(apps: Record<string, App>) {
  return (req: ReceivedRequest, res: ServerResponse) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      grpcError(res, 401, 16, 'invalid session: token signature is invalid');
      return;
    }
    const match = req.url.match(
      /^\/api\/v1\/applications\/([^/?]+)(\/sync|\/rollback)?$/,
    );
    const name = match && decodeURIComponent(match[1]);
    const app = name ? apps[name] : undefined;
    if (!match || !app) {
      grpcError(res, 404, 5, `applications.argoproj.io "${name}" not found`);
      return;
    }
    if (req.method === 'GET' && !match[2]) {
      json(res, 200, app);
      return;
    }
    if (req.method === 'POST' && match[2] === '/rollback') {
      const automated = app.spec.syncPolicy?.automated;
      if (automated && automated.enabled !== false) {
        grpcError(
          res,
          400,
          9,
          'rollback cannot be initiated when auto-sync is enabled',
        );
        return;
      }
      const { id } = JSON.parse(req.body);
      const entry = app.status.history.find((h: any) => h.id === Number(id));
      if (!entry) {
        grpcError(
          res,
          400,
          3,
          `application ${name} does not have deployment with id ${id}`,
        );
        return;
      }
      app.status.operationState = {
        phase: 'Running',
        message: 'one or more tasks are running',
        operation: { sync: { revision: entry.revision } },
      };
      json(res, 200, app);
      return;
    }
    if (req.method === 'POST' && match[2] === '/sync') {
      const { revision } = JSON.parse(req.body);
      app.status.operationState = {
        phase: 'Running',
        message: 'one or more tasks are running',
        operation: { sync: { revision } },
      };
      json(res, 200, app);
      return;
    }
    grpcError(res, 405, 12, 'Method Not Allowed');
  };
}

const deployRequest = {
  deploymentId: 90,
  service: 'payments-api',
  environment: 'prod',
  version: '2.2.0',
  actor: 'user:default/alice',
};

const rollbackRequest = {
  deploymentId: 91,
  service: 'payments-api',
  environment: 'prod',
  version: '2.1.0',
  target: { deploymentId: 60, version: '2.0.0' },
  reason: 'errors after 2.1.0',
  actor: 'user:default/bob',
};

describe('ArgoCdExecutor', () => {
  const serve = useProviderServers();

  function executor(baseUrl: string, overrides: object = {}) {
    return new ArgoCdExecutor({
      baseUrl,
      token: TOKEN,
      application: '{service}-{environment}',
      timeoutMs: 5_000,
      ...overrides,
    });
  }

  it('deploys with POST /api/v1/applications/{name}/sync and {revision}', async () => {
    const apps = { 'payments-api-prod': application('payments-api-prod') };
    const server = await serve(argo(apps));
    const run = executor(`${server.url}/`);

    await expect(run.deploy(deployRequest)).resolves.toEqual({
      accepted: true,
      externalId: 'payments-api-prod',
      url: `${server.url}/applications/payments-api-prod`,
    });
    expect(server.received).toHaveLength(1);
    const [req] = server.received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/v1/applications/payments-api-prod/sync');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({ revision: '2.2.0' });

    await expect(run.status('payments-api-prod')).resolves.toEqual({
      state: 'in_progress',
      revision: '2.2.0',
      message:
        'sync Synced, health Healthy, operation Running: one or more tasks are running',
    });
  });

  it('rolls back with POST /api/v1/applications/{name}/rollback and the history id of the target revision', async () => {
    const apps = { 'payments-api-prod': application('payments-api-prod') };
    const server = await serve(argo(apps));

    await expect(
      executor(server.url).rollback(rollbackRequest),
    ).resolves.toEqual({
      accepted: true,
      externalId: 'payments-api-prod',
      url: `${server.url}/applications/payments-api-prod`,
    });
    expect(server.received.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/applications/payments-api-prod',
      'POST /api/v1/applications/payments-api-prod/rollback',
    ]);
    expect(JSON.parse(server.received[1].body)).toEqual({
      id: 2,
      prune: false,
    });
    expect(
      apps['payments-api-prod'].status.operationState.operation.sync.revision,
    ).toBe('2.0.0');
  });

  it('uses the history id it is given, and prune from config', async () => {
    const apps = { 'payments-api-prod': application('payments-api-prod') };
    const server = await serve(argo(apps));
    await executor(server.url, { prune: true }).rollback({
      ...rollbackRequest,
      target: { ...rollbackRequest.target, argoHistoryId: 1 },
    });
    expect(JSON.parse(server.received[1].body)).toEqual({ id: 1, prune: true });
  });

  it('refuses a rollback under automated sync with a 409 error and sends no rollback', async () => {
    const apps = {
      'payments-api-prod': application('payments-api-prod', {
        spec: { syncPolicy: { automated: { prune: true, selfHeal: true } } },
      }),
    };
    const server = await serve(argo(apps));

    const error = await executor(server.url)
      .rollback(rollbackRequest)
      .catch(e => e);
    expect(error).toBeInstanceOf(ExecutorRefusedError);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.name).toBe('ConflictError');
    expect(error.reason).toBe('auto_sync');
    expect(isExecutorRefusedError(error)).toBe(true);
    expect(error.message).toContain(
      'Argo CD application payments-api-prod syncs automatically (spec.syncPolicy.automated)',
    );
    expect(server.received.map(r => r.method)).toEqual(['GET']);
  });

  it('rolls back when automated sync is switched off with enabled: false', async () => {
    const apps = {
      'payments-api-prod': application('payments-api-prod', {
        spec: { syncPolicy: { automated: { enabled: false, prune: true } } },
      }),
    };
    const server = await serve(argo(apps));
    await expect(
      executor(server.url).rollback(rollbackRequest),
    ).resolves.toMatchObject({ accepted: true });
    expect(server.received.map(r => r.method)).toEqual(['GET', 'POST']);
  });

  it('reports a history id Argo CD does not know', async () => {
    const apps = { 'payments-api-prod': application('payments-api-prod') };
    const server = await serve(argo(apps));
    const result = await executor(server.url).rollback({
      ...rollbackRequest,
      target: { ...rollbackRequest.target, argoHistoryId: 99 },
    });
    expect(result).toEqual({
      accepted: false,
      code: 'http_error',
      httpStatus: 400,
      message: `Argo CD answered 400 Bad Request to POST ${server.url}/api/v1/applications/payments-api-prod/rollback: application payments-api-prod does not have deployment with id 99`,
    });
  });

  it('turns Argo CD’s own auto-sync refusal into the same 409 error', async () => {
    const apps = { 'payments-api-prod': application('payments-api-prod') };
    let reads = 0;
    const handler = argo(apps);
    const server = await serve((req, res) => {
      // auto-sync is switched on between the read and the rollback
      if (req.method === 'GET' && ++reads === 1) {
        handler(req, res);
        apps['payments-api-prod'].spec.syncPolicy = { automated: {} };
        return;
      }
      handler(req, res);
    });

    const error = await executor(server.url)
      .rollback(rollbackRequest)
      .catch(e => e);
    expect(isExecutorRefusedError(error)).toBe(true);
    expect(error.message).toBe(
      'Argo CD refused the rollback of payments-api-prod: rollback cannot be initiated when auto-sync is enabled',
    );
  });

  it('refuses a rollback to a revision Argo CD has no history for', async () => {
    const apps = { 'payments-api-prod': application('payments-api-prod') };
    const server = await serve(argo(apps));

    const error = await executor(server.url)
      .rollback({
        ...rollbackRequest,
        target: { deploymentId: 3, version: '0.9.0' },
      })
      .catch(e => e);
    expect(isExecutorRefusedError(error)).toBe(true);
    expect(error.reason).toBe('unknown_target');
    expect(error.message).toBe(
      'Argo CD application payments-api-prod has no history entry for revision 0.9.0: nothing to roll back to.',
    );
    expect(server.received).toHaveLength(1);
  });

  it('reports an unknown application and a rejected token with Argo CD’s message, never the token', async () => {
    const server = await serve(argo({}));
    await expect(executor(server.url).deploy(deployRequest)).resolves.toEqual({
      accepted: false,
      code: 'http_error',
      httpStatus: 404,
      message: `Argo CD answered 404 Not Found to POST ${server.url}/api/v1/applications/payments-api-prod/sync: applications.argoproj.io "payments-api-prod" not found`,
    });

    const echo = await serve((req, res) =>
      grpcError(
        res,
        403,
        7,
        `permission denied for ${req.headers.authorization}`,
      ),
    );
    const result = await executor(echo.url).rollback(rollbackRequest);
    expect(result).toMatchObject({ accepted: false, httpStatus: 403 });
    expect((result as { message: string }).message).toBe(
      `Argo CD answered 403 Forbidden to GET ${echo.url}/api/v1/applications/payments-api-prod: permission denied for Bearer ***`,
    );
  });

  it('reads status(name) from GET /api/v1/applications/{name}', async () => {
    const apps: Record<string, App> = {
      done: application('done'),
      degraded: application('degraded'),
      failed: application('failed'),
      fresh: application('fresh'),
    };
    apps.degraded.status.health.status = 'Degraded';
    apps.failed.status.operationState = {
      phase: 'Failed',
      message: 'one or more objects failed to apply',
      operation: { sync: { revision: '2.2.0' } },
    };
    delete apps.fresh.status.operationState;
    const server = await serve(argo(apps));
    const run = executor(server.url);

    await expect(run.status('done')).resolves.toEqual({
      state: 'succeeded',
      revision: '2.1.0',
      message:
        'sync Synced, health Healthy, operation Succeeded: successfully synced (all tasks run)',
    });
    await expect(run.status('degraded')).resolves.toMatchObject({
      state: 'failed',
      message: expect.stringContaining('health Degraded'),
    });
    await expect(run.status('failed')).resolves.toEqual({
      state: 'failed',
      revision: '2.2.0',
      message:
        'sync Synced, health Healthy, operation Failed: one or more objects failed to apply',
    });
    await expect(run.status('fresh')).resolves.toEqual({
      state: 'queued',
      message: 'sync Synced, health Healthy, operation none',
    });
    expect(server.received.every(r => r.method === 'GET')).toBe(true);
    expect(server.received.map(r => r.url)).toEqual([
      '/api/v1/applications/done',
      '/api/v1/applications/degraded',
      '/api/v1/applications/failed',
      '/api/v1/applications/fresh',
    ]);

    await expect(run.status('gone')).rejects.toMatchObject({
      name: 'ExecutorRequestError',
      code: 'http_error',
      httpStatus: 404,
      message: expect.stringContaining(
        'applications.argoproj.io "gone" not found',
      ),
    });
  });

  it('maps every operation phase', () => {
    const state = (phase?: string, health = 'Healthy') =>
      argoCdState({
        status: {
          health: { status: health },
          operationState: phase ? { phase } : undefined,
        },
      });
    expect(state(undefined)).toBe('queued');
    expect(state('Running')).toBe('in_progress');
    expect(state('Terminating')).toBe('in_progress');
    expect(state('Succeeded')).toBe('succeeded');
    expect(state('Succeeded', 'Progressing')).toBe('in_progress');
    expect(state('Succeeded', 'Degraded')).toBe('failed');
    expect(state('Failed')).toBe('failed');
    expect(state('Error')).toBe('failed');
  });

  it('times out on a server that never answers, for deploy, rollback and status', async () => {
    const server = await serve(() => {
      // never answers
    });
    const run = executor(server.url, { timeoutMs: 150 });
    await expect(run.deploy(deployRequest)).resolves.toMatchObject({
      accepted: false,
      code: 'timeout',
      message: `Argo CD did not answer POST ${server.url}/api/v1/applications/payments-api-prod/sync within 150 ms`,
    });
    await expect(run.rollback(rollbackRequest)).resolves.toMatchObject({
      accepted: false,
      code: 'timeout',
    });
    await expect(run.status('payments-api-prod')).rejects.toMatchObject({
      code: 'timeout',
    });
  });

  it('answers invalid_response to a 2xx that is not JSON', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    await expect(
      executor(server.url).rollback(rollbackRequest),
    ).resolves.toEqual({
      accepted: false,
      code: 'invalid_response',
      httpStatus: 200,
      message: `Argo CD answered 200 to GET ${server.url}/api/v1/applications/payments-api-prod with a body that is not JSON`,
    });
  });

  it('reads its config and names the key of a bad value', () => {
    const at = 'deploymentRollback.environments[3].executor';
    const read = (data: object) =>
      ArgoCdExecutor.fromConfig(new ConfigReader(data), at);
    const base = {
      type: 'argocd',
      baseUrl: 'https://argocd.test/',
      token: TOKEN,
      application: '{service}',
    };
    const run = read(base) as any;
    expect(run.baseUrl).toBe('https://argocd.test');
    expect(run.options.prune).toBe(false);
    expect(() => read({ ...base, application: undefined })).toThrow(
      "Missing required config value at 'application'",
    );
    expect(() => read({ ...base, baseUrl: 'argocd.test' })).toThrow(
      `Invalid config at ${at}.baseUrl: expected an http or https URL`,
    );
  });
});
