import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import request from 'supertest';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { checkDefinition, seedSamples } from '../testing/fixtures';
import { HealthService } from './HealthService';
import { Prober } from './Prober';
import { createRouter } from './router';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

describe.each(ids)('router on %s', databaseId => {
  async function setup(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
    const knex = await init(databaseId);
    const store = await DatabaseHealthStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const service = new HealthService({
      store,
      prober: new Prober(),
      logger: mockServices.logger.mock(),
      sampleRetentionDays: 7,
    });
    await service.syncChecks([
      checkDefinition({
        name: 'payments-prod',
        url: 'https://probe:hunter2@payments.example.com/healthz',
      }),
      checkDefinition({ name: 'checkout-prod', service: 'checkout-web' }),
    ]);
    const [checkout, payments] = await store.listChecks({});
    const now = Date.now();
    await seedSamples(
      knex,
      payments.id,
      [3, 2, 1].map(minutes => ({
        status: 'up',
        sampledAt: new Date(now - minutes * 60_000),
      })),
    );
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result }),
      service,
    });
    return {
      app: express().use(router).use(mockErrorHandler()),
      paymentsId: payments.id,
      checkoutId: checkout.id,
    };
  }

  it('serves health without credentials', async () => {
    const { app } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists checks with their status, filtered by service', async () => {
    const { app } = await setup(AuthorizeResult.ALLOW);
    const all = await request(app).get('/checks');
    expect(all.status).toBe(200);
    expect(all.body.items.map((c: { name: string }) => c.name)).toEqual([
      'checkout-prod',
      'payments-prod',
    ]);
    expect(JSON.stringify(all.body)).not.toMatch(/hunter2/);

    const payments = await request(app).get('/checks?service=payments-api');
    expect(payments.status).toBe(200);
    expect(payments.body.items).toHaveLength(1);
    expect(payments.body.items[0]).toMatchObject({
      name: 'payments-prod',
      url: 'https://payments.example.com/healthz',
      status: 'healthy',
      uptimePercent24h: 100,
      latencyP95Ms: 100,
      latestSample: { status: 'up', httpStatus: 200 },
    });
  });

  it('pages the samples of a check', async () => {
    const { app, paymentsId, checkoutId } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get(
      `/checks/${paymentsId}/samples?limit=2&offset=1`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalCount: 3, limit: 2, offset: 1 });
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0].checkId).toBe(paymentsId);

    const empty = await request(app).get(`/checks/${checkoutId}/samples`);
    expect(empty.body).toEqual({
      items: [],
      totalCount: 0,
      limit: 50,
      offset: 0,
    });
  });

  it('answers 400 for a non-numeric id or bad paging', async () => {
    const { app, paymentsId } = await setup(AuthorizeResult.ALLOW);
    const badId = await request(app).get('/checks/abc/samples');
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^Invalid path: id: /);

    const badLimit = await request(app).get(
      `/checks/${paymentsId}/samples?limit=0`,
    );
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/limit/);

    const badService = await request(app).get('/checks?service=');
    expect(badService.status).toBe(400);
  });

  it('answers 404 for an unknown check', async () => {
    const { app } = await setup(AuthorizeResult.ALLOW);
    const res = await request(app).get('/checks/999999/samples');
    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('answers 403 when the policy denies', async () => {
    const { app, paymentsId } = await setup(AuthorizeResult.DENY);
    for (const path of ['/checks', `/checks/${paymentsId}/samples`]) {
      const res = await request(app).get(path);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/infra-health\.check\.read/);
    }
  });
});
