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
    await knex('health_checks')
      .where('id', payments.id)
      .update({ effective_status: 'healthy' });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({ result }),
      service,
    });
    return {
      app: express().use(router).use(mockErrorHandler()),
      paymentsId: payments.id,
      checkoutId: checkout.id,
      knex,
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

  describe('check management', () => {
    const apiCheck = {
      kind: 'http',
      name: 'search-prod',
      service: 'search',
      url: 'https://search.example.com/ready?key=k3y',
      headers: { Authorization: 'Bearer s3cr3t-token' },
      expectedStatuses: [200, '204', '3xx'],
      body: { jsonPath: 'status', equals: 'ok' },
      failureThreshold: 3,
      runbookUrl: 'https://runbooks.example.com/search',
      maintenanceWindows: [
        { start: '2026-12-24T22:00:00Z', end: '2026-12-25T02:00:00Z' },
      ],
    };

    it('creates, reads, edits and deletes an API check without leaking secrets', async () => {
      const { app, knex } = await setup(AuthorizeResult.ALLOW);
      const created = await request(app).post('/checks').send(apiCheck);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'search-prod',
        kind: 'http',
        source: 'api',
        url: 'https://search.example.com/ready',
        failureThreshold: 3,
        successThreshold: 1,
        runbookUrl: 'https://runbooks.example.com/search',
        status: 'unknown',
        settings: {
          headerNames: ['Authorization'],
          expectedStatuses: ['200', '204', '300-399'],
          body: { jsonPath: 'status', equals: 'ok' },
        },
        maintenanceWindows: [
          {
            start: '2026-12-24T22:00:00.000Z',
            end: '2026-12-25T02:00:00.000Z',
          },
        ],
      });
      expect(JSON.stringify(created.body)).not.toMatch(/s3cr3t|k3y/);
      const id = created.body.id;

      const read = await request(app).get(`/checks/${id}`);
      expect(read.status).toBe(200);
      expect(JSON.stringify(read.body)).not.toMatch(/s3cr3t|k3y/);

      // the redacted URL and omitted headers keep the stored secrets
      const edited = await request(app)
        .put(`/checks/${id}`)
        .send({
          ...apiCheck,
          url: read.body.url,
          headers: undefined,
          service: 'search-api',
        });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({
        service: 'search-api',
        settings: { headerNames: ['Authorization'] },
      });
      const row = await knex('health_checks').where('id', id).first();
      expect(row.url).toBe('https://search.example.com/ready?key=k3y');
      expect(row.secrets).toMatch(/s3cr3t-token/);

      const duplicate = await request(app)
        .post('/checks')
        .send({ ...apiCheck, name: 'payments-prod' });
      expect(duplicate.status).toBe(409);

      const deleted = await request(app).delete(`/checks/${id}`);
      expect(deleted.status).toBe(204);
      expect((await request(app).get(`/checks/${id}`)).status).toBe(404);
    });

    it('accepts every kind', async () => {
      const { app } = await setup(AuthorizeResult.ALLOW);
      const kinds = [
        { kind: 'tcp', host: 'db.internal', port: 5432 },
        { kind: 'tls', host: 'example.com', warnDays: 21 },
        {
          kind: 'postgres',
          connection: 'postgresql://reader:pa55word@db.internal:5432/app',
        },
      ];
      for (const [index, body] of kinds.entries()) {
        const res = await request(app)
          .post('/checks')
          .send({ name: `k-${index}`, service: 'x', ...body });
        expect(res.status).toBe(201);
        expect(JSON.stringify(res.body)).not.toMatch(/pa55word/);
      }
      const list = await request(app).get('/checks?service=x');
      expect(
        list.body.items.map((c: { kind: string; url: string }) => [
          c.kind,
          c.url,
        ]),
      ).toEqual([
        ['tcp', 'tcp://db.internal:5432'],
        ['tls', 'tls://example.com:443'],
        ['postgres', 'postgresql://db.internal:5432/app'],
      ]);
    });

    it('answers 409 for editing or deleting a config check', async () => {
      const { app, paymentsId } = await setup(AuthorizeResult.ALLOW);
      const put = await request(app)
        .put(`/checks/${paymentsId}`)
        .send({ ...apiCheck, name: 'payments-prod' });
      expect(put.status).toBe(409);
      expect(put.body.error.message).toMatch(/infraHealth\.checks/);
      const del = await request(app).delete(`/checks/${paymentsId}`);
      expect(del.status).toBe(409);
    });

    it('answers 400 naming the field for bad bodies', async () => {
      const { app } = await setup(AuthorizeResult.ALLOW);
      const cases: Array<[object, RegExp]> = [
        [
          { ...apiCheck, url: 'ftp://x:hunter2@y' },
          /^Invalid body: url: expected an http or https URL$/,
        ],
        [{ ...apiCheck, kind: 'smtp' }, /kind/],
        [{ ...apiCheck, intervalSeconds: 5 }, /intervalSeconds/],
        [{ ...apiCheck, expectedStatuses: ['2xy'] }, /expectedStatuses/],
        [{ ...apiCheck, body: { jsonPath: 'a..b', equals: 1 } }, /body/],
        [
          {
            ...apiCheck,
            maintenanceWindows: [
              { start: '2026-12-25T00:00:00Z', end: '2026-12-24T00:00:00Z' },
            ],
          },
          /maintenanceWindows\.0\.end: end must be after start/,
        ],
        [{ kind: 'tcp', name: 'a', service: 'b', host: 'h' }, /port/],
        [
          {
            kind: 'postgres',
            name: 'a',
            service: 'b',
            connection: 'mysql://u:p@h/d',
          },
          /connection/,
        ],
      ];
      for (const [body, message] of cases) {
        const res = await request(app).post('/checks').send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(res.body.error.message).not.toMatch(/hunter2/);
      }
      expect(
        (await request(app).put('/checks/99999999999').send(apiCheck)).status,
      ).toBe(400);
    });

    it('answers 403 without infra-health.check.manage', async () => {
      const { app, paymentsId } = await setup(AuthorizeResult.DENY);
      const responses = [
        await request(app).post('/checks').send(apiCheck),
        await request(app).put(`/checks/${paymentsId}`).send(apiCheck),
        await request(app).delete(`/checks/${paymentsId}`),
      ];
      for (const res of responses) {
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/infra-health\.check\.manage/);
      }
    });
  });
});
