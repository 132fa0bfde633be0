import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import request from 'supertest';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { DatabaseWebhookStore } from '../database/DatabaseWebhookStore';
import { sampleDeployments, seedDeployments } from '../testing/seed';
import { DeploymentService } from './DeploymentService';
import { createRouter } from './router';
import { WebhookService } from './WebhookService';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

describe.each(ids)('router on %s', databaseId => {
  async function setup(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
    const knex = await init(databaseId);
    const store = await DatabaseDeploymentStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    await seedDeployments(knex, sampleDeployments);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result }),
      service: new DeploymentService({
        store,
        environmentOrder: ['prod', 'dev'],
      }),
      webhooks: new WebhookService({
        store: await DatabaseWebhookStore.create({ database }),
        secrets: {},
      }),
    });
    return express().use(router).use(mockErrorHandler());
  }

  it('serves health without credentials', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists deployments with paging', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get(
      '/deployments?service=payments-api&limit=2',
    );
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(4);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.limit).toBe(2);
  });

  it('orders current versions by the configured environments', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/environments?service=payments-api');
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((i: { environment: string }) => i.environment),
    ).toEqual(['prod', 'dev']);
  });

  it('rejects bad paging with a 400 that names the field', async () => {
    const app = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/deployments?limit=0');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/limit/);
  });

  it('answers 403 when the policy denies', async () => {
    const app = await setup(AuthorizeResult.DENY);
    const res = await request(app).get('/deployments');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /deployment-rollback\.deployment\.read/,
    );
  });
});
