import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { TablePage } from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import request from 'supertest';
import { InspectorEnvironmentConfig } from '../config';
import { ActivityStore } from '../database/ActivityStore';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import { closedPort } from '@opshub/schema-compare/testUtils';
import { InspectorService } from './InspectorService';
import { servicesWith } from '../testing/services';
import { createRouter } from './router';

const PASSWORD = 'router-Secret!pw';

describe('router', () => {
  let environments: InspectorEnvironmentConfig[];
  let postgres: ReadOnlyPostgres;
  const store: jest.Mocked<ActivityStore> = {
    record: jest.fn(),
    list: jest.fn(),
    listBetween: jest.fn(),
    prune: jest.fn(),
  };

  beforeAll(async () => {
    const port = await closedPort();
    environments = ['dev', 'prod'].map(name => ({
      name,
      label: name.toUpperCase(),
      tier: name === 'dev' ? 'dev' : 'prod',
      connection: `postgresql://inspector:${PASSWORD}@127.0.0.1:${port}/${name}`,
      statementTimeoutMs: 1000,
      poolSize: 1,
    }));
    postgres = new ReadOnlyPostgres({ environments });
  });

  afterAll(() => postgres.close());

  beforeEach(() => {
    store.record.mockReset();
    store.list.mockReset();
  });

  /** Allows everything except the environments in `denied`. */
  function permissionsDenying(denied: string[]) {
    return mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            'resourceRef' in r &&
            r.resourceRef &&
            denied.includes(r.resourceRef)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
  }

  async function setup(
    permissions = mockServices.permissions({ result: AuthorizeResult.ALLOW }),
  ) {
    const service = new InspectorService({
      databases: new ReadOnlyEnvironmentDatabases({ environments, postgres }),
      store,
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      services: servicesWith({ inspector: service }),
    });
    return {
      service,
      app: express().use(router).use(mockErrorHandler()),
    };
  }

  it('serves health without credentials', async () => {
    const { app } = await setup();
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists only the environments the caller may read, probing only those', async () => {
    const permissions = permissionsDenying(['prod']);
    const { app, service } = await setup(permissions);
    const probe = jest.spyOn(service, 'listEnvironments');
    const res = await request(app).get('/environments');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        name: 'dev',
        label: 'DEV',
        tier: 'dev',
        database: {
          status: 'down',
          error:
            'The database of environment dev is unavailable (connection refused)',
        },
      },
    ]);
    expect(res.text).not.toContain(PASSWORD);
    expect(probe).toHaveBeenCalledWith(['dev']);
    const [requests] = permissions.authorize.mock.calls[0];
    expect(requests.map(r => 'resourceRef' in r && r.resourceRef)).toEqual([
      'dev',
      'prod',
    ]);
    expect(
      requests.every(r =>
        isResourcePermission(r.permission, 'devops-inspector-environment'),
      ),
    ).toBe(true);
  });

  it('narrows the list to one environment with ?name=', async () => {
    const { app, service } = await setup();
    const probe = jest.spyOn(service, 'listEnvironments');
    const res = await request(app).get('/environments?name=prod');
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { name: string }) => e.name)).toEqual([
      'prod',
    ]);
    expect(probe).toHaveBeenCalledWith(['prod']);

    const none = await request(app).get('/environments?name=staging');
    expect(none.body).toEqual({ items: [] });
  });

  it('lists no environment and probes none when all are denied', async () => {
    const { app, service } = await setup(
      mockServices.permissions({ result: AuthorizeResult.DENY }),
    );
    const probe = jest.spyOn(service, 'listEnvironments');
    const res = await request(app).get('/environments');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
    expect(probe).not.toHaveBeenCalled();
  });

  it('passes the validated query and the actor to the service', async () => {
    const { app, service } = await setup();
    const page: TablePage = { items: [], totalCount: 0, limit: 10, offset: 20 };
    const listTables = jest
      .spyOn(service, 'listTables')
      .mockResolvedValue(page);
    const res = await request(app)
      .get('/environments/dev/tables')
      .query({ filter: "  '; DROP TABLE x; --  ", limit: '10', offset: '20' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(page);
    expect(listTables).toHaveBeenCalledWith(
      'dev',
      { filter: "'; DROP TABLE x; --", limit: 10, offset: 20 },
      'user:default/mock',
    );
  });

  it('treats an empty filter as none', async () => {
    const { app, service } = await setup();
    const listTables = jest
      .spyOn(service, 'listTables')
      .mockResolvedValue({ items: [], totalCount: 0, limit: 50, offset: 0 });
    await request(app).get('/environments/dev/tables?filter=%20%20');
    expect(listTables).toHaveBeenCalledWith(
      'dev',
      { filter: undefined, limit: 50, offset: 0 },
      'user:default/mock',
    );
  });

  it.each([
    ['limit=0', '/environments/dev/tables?limit=0', /limit/],
    ['offset=-1', '/environments/dev/tables?offset=-1', /offset/],
    [
      'a 256-character filter',
      `/environments/dev/tables?filter=${'x'.repeat(256)}`,
      /filter/,
    ],
    ['activity limit=501', '/activity?limit=501', /limit/],
  ])('answers 400 for %s', async (_what, url, message) => {
    const { app } = await setup();
    const res = await request(app).get(url);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('answers 404 for an unknown environment', async () => {
    const { app } = await setup();
    const res = await request(app).get('/environments/staging/tables');
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 403 when the environment is denied', async () => {
    const { app, service } = await setup(permissionsDenying(['prod']));
    const listTables = jest.spyOn(service, 'listTables');
    const res = await request(app).get('/environments/prod/tables');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /devops-inspector\.environment\.read on prod/,
    );
    expect(listTables).not.toHaveBeenCalled();
  });

  it('answers 503 without credentials when the database is down', async () => {
    const { app } = await setup();
    const res = await request(app).get('/environments/dev/tables');
    expect(res.status).toBe(503);
    expect(res.body.error.name).toBe('ServiceUnavailableError');
    expect(res.body.error.message).toMatch(/dev is unavailable/);
    expect(res.text).not.toContain(PASSWORD);
    expect(res.text).not.toContain('postgresql://');
  });

  it('pages the activity log', async () => {
    const { app } = await setup();
    store.list.mockResolvedValue({
      items: [
        {
          id: 1,
          actor: 'user:default/jane',
          action: 'tables.list',
          environment: 'dev',
          details: null,
          createdAt: '2026-11-21T10:00:00.000Z',
        },
      ],
      totalCount: 7,
    });
    const res = await request(app).get('/activity?limit=1&offset=6');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalCount: 7, limit: 1, offset: 6 });
    expect(res.body.items).toHaveLength(1);
    expect(store.list).toHaveBeenCalledWith(
      { limit: 1, offset: 6 },
      { environments: ['dev', 'prod'] },
    );
  });

  it('answers 403 for the activity log when denied', async () => {
    const { app } = await setup(
      mockServices.permissions({ result: AuthorizeResult.DENY }),
    );
    const res = await request(app).get('/activity');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/devops-inspector\.activity\.read/);
  });
});
