import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import request from 'supertest';
import { InspectorEnvironmentConfig } from '../config';
import { DatabaseActivityStore } from '../database/DatabaseActivityStore';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import { closedPort } from '@opshub/schema-compare/testUtils';
import { EnvironmentInfoService } from './EnvironmentInfoService';
import { InspectorService } from './InspectorService';
import { servicesWith } from '../testing/services';
import { createRouter } from './router';
import { StatusService } from './StatusService';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

/**
 * `/status`, `/environment` and `/activity` list only the environments the
 * caller may `devops-inspector.environment.read`, through the real services
 * and the real activity store.
 */
describe.each(ids)('environment visibility on %s', databaseId => {
  let environments: InspectorEnvironmentConfig[];
  let postgres: ReadOnlyPostgres;

  beforeAll(async () => {
    const port = await closedPort();
    environments = ['dev', 'prod'].map(name => ({
      name,
      label: name.toUpperCase(),
      tier: name === 'dev' ? 'dev' : 'prod',
      connection: `postgresql://inspector:pw@127.0.0.1:${port}/${name}`,
      statementTimeoutMs: 1000,
      poolSize: 1,
    }));
    postgres = new ReadOnlyPostgres({ environments });
  });

  afterAll(() => postgres.close());

  /** Allows everything, but `environment.read` on the `denied` ones. */
  function permissionsDenying(denied: string[]) {
    return mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            r.permission.name === 'devops-inspector.environment.read' &&
            'resourceRef' in r &&
            denied.includes(String(r.resourceRef))
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
  }

  async function setup(denied: string[]) {
    const knex = await init(databaseId);
    const store = await DatabaseActivityStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    for (const environment of ['dev', 'prod']) {
      await store.record({
        actor: `user:default/${environment}-reader`,
        action: 'tables.list',
        environment,
      });
    }
    await store.record({
      actor: 'user:default/comparer',
      action: 'schema.compare',
      environment: 'dev',
      details: {
        targets: ['prod'],
        results: [{ target: 'prod', total: 2, breaking: 1 }],
      },
    });
    const service = new InspectorService({
      databases: new ReadOnlyEnvironmentDatabases({ environments, postgres }),
      store,
    });
    const status = new StatusService({
      environments,
      dependencies: [],
      postgres,
      slowThresholdMs: 1000,
    });
    const environmentInfo = new EnvironmentInfoService({
      current: null,
      listEnvironments: names => service.listEnvironments(names),
      env: { OPSHUB_GIT_COMMIT: 'abc123' },
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: permissionsDenying(denied),
      services: servicesWith({ inspector: service, status, environmentInfo }),
    });
    return express().use(router).use(mockErrorHandler());
  }

  const names = (items: Array<{ name: string }>) => items.map(i => i.name);

  it('leaves a denied prod out of /status', async () => {
    const denied = await request(await setup(['prod'])).get('/status');
    expect(denied.status).toBe(200);
    expect(names(denied.body.databases)).toEqual(['dev']);
    expect(denied.text).not.toContain('prod');

    const allowed = await request(await setup([])).get('/status');
    expect(names(allowed.body.databases)).toEqual(['dev', 'prod']);
  });

  it('leaves a denied prod out of /environment', async () => {
    const denied = await request(await setup(['prod'])).get('/environment');
    expect(denied.status).toBe(200);
    expect(names(denied.body.databases)).toEqual(['dev']);
    expect(denied.text).not.toContain('prod');

    const allowed = await request(await setup([])).get('/environment');
    expect(names(allowed.body.databases)).toEqual(['dev', 'prod']);
  });

  it('leaves prod out of /activity, and out of comparisons listed there', async () => {
    const denied = await request(await setup(['prod'])).get('/activity');
    expect(denied.status).toBe(200);
    expect(denied.body.totalCount).toBe(2);
    expect(
      denied.body.items.map((e: { actor: string }) => e.actor).sort(),
    ).toEqual(['user:default/comparer', 'user:default/dev-reader']);
    expect(denied.text).not.toContain('prod');

    const allowed = await request(await setup([])).get('/activity');
    expect(allowed.body.totalCount).toBe(3);
    expect(allowed.text).toContain('user:default/prod-reader');
    const compare = allowed.body.items.find(
      (e: { action: string }) => e.action === 'schema.compare',
    );
    expect(compare.details).toEqual({
      targets: ['prod'],
      results: [{ target: 'prod', total: 2, breaking: 1 }],
    });
  });

  it('shows nothing environment-specific when every environment is denied', async () => {
    const app = await setup(['dev', 'prod']);
    const status = await request(app).get('/status');
    expect(status.body.databases).toEqual([]);
    const activity = await request(app).get('/activity');
    expect(activity.body).toMatchObject({ items: [], totalCount: 0 });
  });
});
