import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CONFIG_MASK,
  ConfigStatus,
  EnvironmentInfo,
  StatusSummary,
  TableCount,
} from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import request from 'supertest';
import { servicesWith } from '../testing/services';
import { createRouter } from './router';
import { DevopsInspectorServices } from './services';

const status: StatusSummary = {
  status: 'degraded',
  checkedAt: '2026-11-21T09:00:00.000Z',
  slowThresholdMs: 1000,
  databases: [],
  dependencies: [],
};
const info = { nodeVersion: 'v20' } as EnvironmentInfo;
const configStatus: ConfigStatus = {
  schemaLoaded: true,
  entries: [{ key: 'a.token', value: CONFIG_MASK, masked: true, set: true }],
};
const count: TableCount = {
  schema: 's',
  name: 't',
  count: 3,
  timedOut: false,
  elapsedMs: 1,
  timeoutMs: 5000,
};

describe('drawer routes', () => {
  const sources = {
    environmentInfo: { getEnvironmentInfo: jest.fn(async () => info) },
    status: { getStatus: jest.fn(async () => status) },
    tableDetails: {
      getTableDetail: jest.fn(),
      countRows: jest.fn(async () => count),
    },
    configStatus: { getConfigStatus: jest.fn(async () => configStatus) },
  };
  const service = {
    environmentNames: () => ['dev'],
    listEnvironments: jest.fn(),
    listTables: jest.fn(async () => ({
      items: [],
      totalCount: 0,
      limit: 50,
      offset: 0,
    })),
    listActivity: jest.fn(),
  } as unknown as DevopsInspectorServices['inspector'];

  /** Denies the permissions named in `denied` (and env refs in `denied`). */
  async function app(denied: string[] = []) {
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            denied.includes(r.permission.name) ||
            ('resourceRef' in r && denied.includes(String(r.resourceRef)))
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      services: servicesWith({ inspector: service, ...sources }),
    });
    return { app: express().use(router).use(mockErrorHandler()), permissions };
  }

  beforeEach(() => jest.clearAllMocks());

  it('serves /status and /environment with status.read', async () => {
    const { app: server, permissions } = await app();
    const res = await request(server).get('/status');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(status);
    expect((await request(server).get('/environment')).body).toEqual(info);
    expect(permissions.authorize.mock.calls[0][0][0].permission.name).toBe(
      'devops-inspector.status.read',
    );
  });

  it('answers 403 without status.read or config.read', async () => {
    const { app: server } = await app([
      'devops-inspector.status.read',
      'devops-inspector.config.read',
    ]);
    expect((await request(server).get('/status')).status).toBe(403);
    expect((await request(server).get('/environment')).status).toBe(403);
    expect((await request(server).get('/config')).status).toBe(403);
    expect(sources.status.getStatus).not.toHaveBeenCalled();
    expect(sources.configStatus.getConfigStatus).not.toHaveBeenCalled();
  });

  it('keeps /health unauthenticated and separate from /status', async () => {
    const { app: server } = await app(['devops-inspector.status.read']);
    const res = await request(server).get('/health');
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('serves the masked config with config.read', async () => {
    const { app: server, permissions } = await app();
    const res = await request(server).get('/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(configStatus);
    expect(permissions.authorize.mock.calls[0][0][0].permission.name).toBe(
      'devops-inspector.config.read',
    );
  });

  it('passes hostile table names through as values, authorized per environment', async () => {
    const { app: server, permissions } = await app();
    const schema = 'Weird "Schema"; --';
    const table = `Robert'); DROP TABLE x;--`;
    const res = await request(server).get(
      `/environments/dev/tables/${encodeURIComponent(
        schema,
      )}/${encodeURIComponent(table)}/count`,
    );
    expect(res.status).toBe(200);
    expect(sources.tableDetails.countRows).toHaveBeenCalledWith(
      'dev',
      schema,
      table,
      'user:default/mock',
    );
    expect(permissions.authorize.mock.calls[0][0][0]).toMatchObject({
      permission: { name: 'devops-inspector.environment.read' },
      resourceRef: 'dev',
    });
  });

  it('answers 404 for an unknown table, 403 for a denied environment, 400 for NUL', async () => {
    sources.tableDetails.getTableDetail.mockRejectedValue(
      new NotFoundError('No table'),
    );
    const { app: server } = await app(['prod']);
    expect(
      (await request(server).get('/environments/dev/tables/public/nope'))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get('/environments/prod/tables/public/t')).status,
    ).toBe(403);
    expect(
      (await request(server).get('/environments/dev/tables/public/a%00b'))
        .status,
    ).toBe(400);
    expect(
      (await request(server).get('/environments/dev/tables/public/a%00b/count'))
        .status,
    ).toBe(400);
    expect(sources.tableDetails.countRows).not.toHaveBeenCalled();
  });

  it('validates sort and order of the table list', async () => {
    const { app: server } = await app();
    expect(
      (await request(server).get('/environments/dev/tables?sort=rows;DROP'))
        .status,
    ).toBe(400);
    expect(
      (await request(server).get('/environments/dev/tables?order=sideways'))
        .status,
    ).toBe(400);
    const res = await request(server).get(
      '/environments/dev/tables?sort=size&order=desc',
    );
    expect(res.status).toBe(200);
    expect(service.listTables).toHaveBeenCalledWith(
      'dev',
      expect.objectContaining({ sort: 'size', order: 'desc' }),
      'user:default/mock',
    );
  });
});
