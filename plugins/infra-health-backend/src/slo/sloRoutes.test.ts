import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import request from 'supertest';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { DatabaseRollupStore } from '../rollups/DatabaseRollupStore';
import { RollupService } from '../rollups/RollupService';
import { HealthService } from '../service/HealthService';
import { Prober } from '../service/Prober';
import { createRouter } from '../service/router';
import { checkDefinition, seedSamples } from '../testing/fixtures';
import { LogService } from '../logs/LogService';
import { DatabaseSloStore } from './DatabaseSloStore';
import { ChecksSliSource } from './sliSources';
import { SloService } from './SloService';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const body = {
  name: 'checkout availability',
  service: 'checkout-web',
  objective: 99.5,
  window: '7d',
  source: 'checks',
};

/** Allows everything but the permissions named in `denied`. */
function permissionsDenying(...denied: string[]) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })) as any,
  });
}

describe.each(ids)('SLO, rollup and log routes on %s', databaseId => {
  async function setup(permissions = permissionsDenying()) {
    const knex = await init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const logger = mockServices.logger.mock();
    const healthStore = await DatabaseHealthStore.create({ database });
    const rollupStore = await DatabaseRollupStore.create({ database });
    await healthStore.syncChecks(
      [checkDefinition({ name: 'checkout-prod', service: 'checkout-web' })],
      new Date(),
    );
    const [check] = await healthStore.listChecks({});
    await seedSamples(knex, check.id, [
      { status: 'up', sampledAt: new Date(Date.now() - 60_000) },
    ]);
    const slos = new SloService({
      store: await DatabaseSloStore.create({ database }),
      sources: {
        checks: new ChecksSliSource({
          healthStore,
          rollups: rollupStore,
          sampleRetentionDays: 7,
          now: () => new Date(),
        }),
      },
      logger,
    });
    await slos.syncConfigSlos([
      {
        name: 'payments from config',
        service: 'payments-api',
        objective: 99.9,
        window: '30d',
        source: 'prometheus',
        good: 'http_requests_total{code="200"}',
        total: 'http_requests_total',
      },
    ]);
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      service: new HealthService({
        store: healthStore,
        prober: new Prober(),
        logger,
        sampleRetentionDays: 7,
      }),
      rollups: new RollupService({
        store: rollupStore,
        healthStore,
        logger,
        sampleRetentionDays: 7,
      }),
      slos,
      logs: new LogService({ logger }),
    });
    const app = express().use(router).use(mockErrorHandler());
    const configId = (await request(app).get('/slos')).body.items?.[0]?.id;
    return { app, configId, checkId: check.id };
  }

  it('creates, lists, updates and deletes an SLO', async () => {
    const { app } = await setup();
    const created = await request(app).post('/slos').send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...body,
      origin: 'api',
      createdBy: 'user:default/mock',
    });

    const list = await request(app).get('/slos?service=checkout-web');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      name: 'checkout availability',
      sli: 1,
      errorBudgetRemaining: 1,
      error: null,
      rangeStep: '3h',
    });
    expect(list.body.items[0].burnRates).toHaveLength(3);
    expect(list.body.items[0].range).toHaveLength(56);

    const updated = await request(app)
      .put(`/slos/${created.body.id}`)
      .send({ ...body, objective: 99 });
    expect(updated.status).toBe(200);
    expect(updated.body.objective).toBe(99);

    const deleted = await request(app).delete(`/slos/${created.body.id}`);
    expect(deleted.status).toBe(204);
    const gone = await request(app).delete(`/slos/${created.body.id}`);
    expect(gone.status).toBe(404);
  });

  it('shows a Prometheus SLO as not configured without infraHealth.prometheus', async () => {
    const { app } = await setup();
    const res = await request(app).get('/slos?service=payments-api');
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      name: 'payments from config',
      origin: 'config',
      sli: null,
      error: {
        kind: 'not_configured',
        message:
          'Prometheus not configured: set infraHealth.prometheus.baseUrl',
      },
    });
  });

  it('answers 400 naming the bad field', async () => {
    const { app } = await setup();
    const noGood = await request(app)
      .post('/slos')
      .send({ ...body, source: 'prometheus', total: 'x_total' });
    expect(noGood.status).toBe(400);
    expect(noGood.body.error.message).toBe(
      'Invalid body: good: is required for a prometheus SLO',
    );
    const badWindow = await request(app)
      .post('/slos')
      .send({ ...body, window: '1 month' });
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.error.message).toMatch(/^Invalid body: window: /);
    const badId = await request(app).put('/slos/2147483648').send(body);
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^Invalid path: id: /);
    const badService = await request(app).get('/slos?service=');
    expect(badService.status).toBe(400);
  });

  it('answers 409 for a name that is taken and for config SLOs', async () => {
    const { app, configId } = await setup();
    const taken = await request(app)
      .post('/slos')
      .send({ ...body, name: 'payments from config' });
    expect(taken.status).toBe(409);

    const edit = await request(app).put(`/slos/${configId}`).send(body);
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toBe(
      "SLO 'payments from config' comes from app-config (infraHealth.slos) and is read-only; change it there",
    );
    const del = await request(app).delete(`/slos/${configId}`);
    expect(del.status).toBe(409);
  });

  it('answers 403 for writes without infra-health.slo.manage', async () => {
    const { app, configId } = await setup(
      permissionsDenying('infra-health.slo.manage'),
    );
    expect((await request(app).get('/slos')).status).toBe(200);
    for (const res of [
      await request(app).post('/slos').send(body),
      await request(app).put(`/slos/${configId}`).send(body),
      await request(app).delete(`/slos/${configId}`),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'Permission denied: infra-health.slo.manage',
      );
    }
  });

  it('answers 403 for reads without infra-health.check.read', async () => {
    const { app, checkId } = await setup(
      permissionsDenying('infra-health.check.read'),
    );
    for (const path of [
      '/slos',
      `/checks/${checkId}/rollups`,
      '/logs?service=payments-api',
    ]) {
      const res = await request(app).get(path);
      expect(res.status).toBe(403);
    }
  });

  it('serves the rollups of a check', async () => {
    const { app, checkId } = await setup();
    const res = await request(app).get(
      `/checks/${checkId}/rollups?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
    const bad = await request(app).get(
      `/checks/${checkId}/rollups?from=yesterday`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid query: from: must be an ISO 8601 date-time',
    );
    const unknown = await request(app).get('/checks/999999/rollups');
    expect(unknown.status).toBe(404);
  });

  it('says logs are not configured without a log source', async () => {
    const { app } = await setup();
    const res = await request(app).get('/logs?service=payments-api');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      configured: false,
      source: null,
      lines: [],
      error: null,
    });
    const missing = await request(app).get('/logs');
    expect(missing.status).toBe(400);
    const badLimit = await request(app).get('/logs?service=a&limit=501');
    expect(badLimit.status).toBe(400);
  });
});
