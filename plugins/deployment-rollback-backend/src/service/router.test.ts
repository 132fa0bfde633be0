import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { verifyWebhookSignature } from '@opshub/opshub-node';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DeploymentExecutorRegistry } from '@opshub/plugin-deployment-rollback-node';
import express from 'express';
import http from 'http';
import { Knex } from 'knex';
import { AddressInfo } from 'net';
import request from 'supertest';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { DatabasePreviewStore } from '../database/DatabasePreviewStore';
import { DatabaseWebhookStore } from '../database/DatabaseWebhookStore';
import { PreviewService } from './PreviewService';
import { sampleDeployments, seedDeployments } from '../testing/seed';
import { DeploymentService } from './DeploymentService';
import { ExecutionService } from './ExecutionService';
import { createRouter } from './router';
import { WebhookService } from './WebhookService';

jest.setTimeout(120_000);

const { ids, init } = createTestDatabases();
const SECRET = 'deployer-secret';

type Received = { headers: http.IncomingHttpHeaders; body: string };

/** A deployer on 127.0.0.1 that records requests and answers `mode`. */
async function startDeployer() {
  const received: Received[] = [];
  const state = { mode: 'ok' as 'ok' | 'error' | 'hang' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (state.mode === 'hang') return;
      if (state.mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'deployer is down' }));
        return;
      }
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: 'https://deployer.example.com/runs/1' }));
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/deploy`,
    received,
    state,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(ids)('router on %s', databaseId => {
  let deployer: Awaited<ReturnType<typeof startDeployer>>;
  beforeAll(async () => {
    deployer = await startDeployer();
  });
  afterAll(() => deployer.close());
  beforeEach(() => {
    deployer.received.length = 0;
    deployer.state.mode = 'ok';
  });

  async function setup(
    options: {
      result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      timeoutMs?: number;
    } = {},
  ) {
    const knex = await init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const store = await DatabaseDeploymentStore.create({ database });
    const seeded = await seedDeployments(knex, sampleDeployments);
    const executor = {
      type: 'generic',
      url: deployer.url,
      secret: SECRET,
      timeoutMs: options.timeoutMs ?? 5000,
    };
    const environments = new DeploymentExecutorRegistry().readEnvironments({
      config: new ConfigReader({
        deploymentRollback: {
          environments: [
            'local',
            { name: 'dev', executor },
            { name: 'prod', executor },
            { name: 'gitops', autoSync: true, executor },
          ],
        },
      }),
      logger: mockServices.logger.mock(),
    });
    const authorized: AuthorizePermissionRequest[] = [];
    const result = options.result ?? AuthorizeResult.ALLOW;
    const permissions = mockServices.permissions.mock({
      authorize: async requests => {
        authorized.push(...(requests as AuthorizePermissionRequest[]));
        return requests.map(() => ({ result }));
      },
    });
    const audited: unknown[] = [];
    const signals: Array<{ channel: string; message: unknown }> = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async (event: unknown) => {
        audited.push(event);
        return { success: async () => {}, fail: async () => {} };
      },
    });
    const execution = new ExecutionService({
      store,
      environments,
      callbackUrl:
        'http://backstage.test/api/deployment-rollback/webhooks/generic',
      timeoutMinutes: 30,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'payments',
              namespace: 'finance',
              annotations: { 'opshub.io/deployment-service': 'payments-api' },
            },
            spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
          },
        ],
      }),
      auth: mockServices.auth(),
      auditor,
      signals: {
        publish: async (message: { channel: string; message: unknown }) => {
          signals.push(message);
        },
      },
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      service: new DeploymentService({ store, environments }),
      execution,
      webhooks: new WebhookService({
        store: await DatabaseWebhookStore.create({ database }),
        secrets: {},
      }),
      previews: new PreviewService({
        store: await DatabasePreviewStore.create({ database }),
      }),
    });
    const app = express().use(router).use(mockErrorHandler());
    return { app, knex, seeded, authorized, audited, signals, execution };
  }

  async function auditRows(knex: Knex, action?: string) {
    const query = knex('deployment_audit').orderBy('id');
    if (action) query.where('action', action);
    return query;
  }

  it('serves health without credentials', async () => {
    const { app } = await setup();
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('lists deployments with paging and filters', async () => {
    const { app } = await setup();
    const res = await request(app).get(
      '/deployments?service=payments-api&limit=2',
    );
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(4);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.limit).toBe(2);

    const failed = await request(app).get(
      '/deployments?service=payments-api&status=failed',
    );
    expect(failed.body.items.map((d: any) => d.version)).toEqual(['1.2.0']);
    const window = await request(app).get(
      '/deployments?from=2026-11-02T00:00:00Z&to=2026-11-02T23:59:59Z',
    );
    expect(window.body.items.map((d: any) => d.version).sort()).toEqual([
      '1.0.0',
      '1.1.0',
    ]);
    const bad = await request(app).get('/deployments?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from/);
    const reversed = await request(app).get(
      '/deployments?from=2026-11-03&to=2026-11-01',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.message).toMatch(/to/);
  });

  it('orders current versions by the configured environments, with autoSync and executor', async () => {
    const { app } = await setup();
    const res = await request(app).get('/environments?service=payments-api');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.environment)).toEqual([
      'dev',
      'prod',
    ]);
    expect(res.body.items[0]).toMatchObject({
      autoSync: false,
      executor: 'generic',
    });
  });

  it('rejects bad paging with a 400 that names the field', async () => {
    const app = (await setup()).app;
    const res = await request(app).get('/deployments?limit=0');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/limit/);
  });

  it('answers 403 when the policy denies, and writes nothing', async () => {
    const { app, knex, authorized } = await setup({
      result: AuthorizeResult.DENY,
    });
    const res = await request(app).get('/deployments');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /deployment-rollback\.deployment\.read/,
    );
    const rollback = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: 'bad release' });
    expect(rollback.status).toBe(403);
    expect(rollback.body.error.message).toMatch(
      /deployment-rollback\.deployment\.rollback on component:finance\/payments/,
    );
    const trigger = await request(app)
      .post('/services/checkout-web/environments/dev/deployments')
      .send({ version: '9.9.9' });
    expect(trigger.status).toBe(403);
    // authorized against the owning component, as catalog-entity resources
    expect(authorized.slice(-2)).toEqual([
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'deployment-rollback.deployment.rollback',
          resourceType: 'catalog-entity',
        }),
        resourceRef: 'component:finance/payments',
      }),
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'deployment-rollback.deployment.trigger',
        }),
        resourceRef: 'component:default/checkout-web',
      }),
    ]);
    expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(5);
    expect(deployer.received).toHaveLength(0);
  });

  it('triggers a deployment through the signed generic executor', async () => {
    const { app, knex, audited, signals } = await setup();
    const res = await request(app)
      .post('/services/payments-api/environments/dev/deployments')
      .send({ version: '1.3.0', reason: 'new release' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      service: 'payments-api',
      environment: 'dev',
      version: '1.3.0',
      status: 'queued',
      source: 'trigger',
      rollbackOf: null,
      reason: 'new release',
      url: 'https://deployer.example.com/runs/1',
      externalId: String(res.body.id),
    });
    expect(deployer.received).toHaveLength(1);
    const sent = deployer.received[0];
    expect(
      verifyWebhookSignature({
        secret: SECRET,
        body: sent.body,
        signature: sent.headers['x-opshub-signature-256'] as string,
      }),
    ).toBe(true);
    expect(JSON.parse(sent.body)).toMatchObject({
      action: 'deploy',
      deploymentId: res.body.id,
      version: '1.3.0',
      callbackUrl:
        'http://backstage.test/api/deployment-rollback/webhooks/generic',
    });
    const rows = await auditRows(knex, 'deployment.triggered');
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].details)).toMatchObject({
      reason: 'new release',
      after: { status: 'queued', version: '1.3.0' },
    });
    expect(audited).toContainEqual(
      expect.objectContaining({
        meta: expect.objectContaining({ action: 'deployment.triggered' }),
      }),
    );
    expect(signals).toContainEqual(
      expect.objectContaining({
        channel: 'deployment-rollback:service:payments-api',
        message: {
          type: 'deployment.changed',
          service: 'payments-api',
          environment: 'dev',
          deploymentId: res.body.id,
          status: 'queued',
        },
      }),
    );

    // a second one while the first is queued is refused, and audited
    const again = await request(app)
      .post('/services/payments-api/environments/dev/deployments')
      .send({ version: '1.3.1' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already queued or in progress/);
    const refused = await auditRows(knex, 'deployment.refused');
    expect(refused).toHaveLength(1);
    expect(JSON.parse(refused[0].details).reason).toMatch(/trigger refused/);

    const detail = await request(app).get(`/deployments/${res.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.audit.map((a: any) => a.action)).toEqual([
      'deployment.triggered',
    ]);
    expect((await request(app).get('/deployments/999999')).status).toBe(404);
  });

  it('validates trigger and rollback bodies, naming the field', async () => {
    const { app } = await setup();
    const noVersion = await request(app)
      .post('/services/payments-api/environments/dev/deployments')
      .send({});
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.message).toMatch(/version/);
    const noReason = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/reason/);
    const unknownEnv = await request(app)
      .post('/services/payments-api/environments/qa/deployments')
      .send({ version: '1' });
    expect(unknownEnv.status).toBe(404);
    const noExecutor = await request(app)
      .post('/services/payments-api/environments/local/deployments')
      .send({ version: '1' });
    expect(noExecutor.status).toBe(409);
    expect(noExecutor.body.error.message).toMatch(/No executor/);
  });

  it('rolls back to the newest good deployment before the current one', async () => {
    const { app, knex, seeded } = await setup();
    const target = await request(app).get(
      '/services/payments-api/environments/dev/rollback-target',
    );
    expect(target.status).toBe(200);
    expect(target.body.current.version).toBe('1.1.0');
    expect(target.body.target.version).toBe('1.0.0');
    expect(target.body.blocked).toBeNull();

    const res = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: 'errors after 1.1.0' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      version: '1.0.0',
      source: 'rollback',
      rollbackOf: seeded[0],
      status: 'queued',
      reason: 'errors after 1.1.0',
    });
    expect(JSON.parse(deployer.received[0].body)).toMatchObject({
      action: 'rollback',
      version: '1.1.0',
      targetVersion: '1.0.0',
      reason: 'errors after 1.1.0',
    });
    const [row] = await auditRows(knex, 'deployment.rollback');
    expect(JSON.parse(row.details)).toMatchObject({
      reason: 'errors after 1.1.0',
      before: { status: 'succeeded', version: '1.1.0' },
      after: { status: 'queued', version: '1.0.0' },
    });

    const blocked = await request(app).get(
      '/services/payments-api/environments/dev/rollback-target',
    );
    expect(blocked.body.blocked.reason).toBe('in_flight');
  });

  it('refuses a rollback without an earlier good deployment (409)', async () => {
    const { app, knex } = await setup();
    const target = await request(app).get(
      '/services/payments-api/environments/prod/rollback-target',
    );
    expect(target.body).toMatchObject({
      target: null,
      current: { version: '1.0.0' },
      blocked: { reason: 'no_target' },
    });
    const res = await request(app)
      .post('/services/payments-api/environments/prod/rollback')
      .send({ reason: 'please' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/no earlier good deployment/);
    expect(await auditRows(knex, 'deployment.refused')).toHaveLength(1);
    expect(deployer.received).toHaveLength(0);
    expect(Number((await knex('deployments').count({ n: '*' }))[0].n)).toBe(5);
  });

  it('refuses a rollback in an auto-synced environment (409)', async () => {
    const { app, knex } = await setup();
    await seedDeployments(knex, [
      {
        service: 'payments-api',
        environment: 'gitops',
        version: '1.0.0',
        status: 'succeeded',
        startedAt: '2026-11-01T10:00:00Z',
      },
      {
        service: 'payments-api',
        environment: 'gitops',
        version: '1.1.0',
        status: 'succeeded',
        startedAt: '2026-11-02T10:00:00Z',
      },
    ]);
    const target = await request(app).get(
      '/services/payments-api/environments/gitops/rollback-target',
    );
    expect(target.body.blocked.reason).toBe('auto_sync');
    expect(target.body.target.version).toBe('1.0.0');
    const res = await request(app)
      .post('/services/payments-api/environments/gitops/rollback')
      .send({ reason: 'please' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/auto-synced/);
    expect(await auditRows(knex, 'deployment.refused')).toHaveLength(1);
    expect(deployer.received).toHaveLength(0);
  });

  it('checks an explicit target', async () => {
    const { app, seeded } = await setup();
    const failed = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: 'r', targetDeploymentId: seeded[2] });
    expect(failed.status).toBe(409);
    expect(failed.body.error.message).toMatch(/targetDeploymentId.*failed/);
    const other = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: 'r', targetDeploymentId: seeded[3] });
    expect(other.status).toBe(400);
    expect(other.body.error.message).toMatch(/targetDeploymentId/);
    const current = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: 'r', targetDeploymentId: seeded[1] });
    expect(current.status).toBe(409);
    expect(current.body.error.message).toMatch(/running now/);
    const ok = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: 'r', targetDeploymentId: seeded[0] });
    expect(ok.status).toBe(202);
    expect(ok.body.rollbackOf).toBe(seeded[0]);
  });

  it('marks the deployment failed when the executor fails', async () => {
    const { app, knex } = await setup();
    deployer.state.mode = 'error';
    const res = await request(app)
      .post('/services/payments-api/environments/dev/deployments')
      .send({ version: '1.3.0' });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('failed');
    expect(res.body.message).toMatch(/http_error.*500/);
    const [row] = await auditRows(knex, 'deployment.executor_failed');
    expect(JSON.parse(row.details)).toMatchObject({
      before: { status: 'queued' },
      after: { status: 'failed' },
    });
    // nothing in flight any more: the next one may start
    deployer.state.mode = 'ok';
    const next = await request(app)
      .post('/services/payments-api/environments/dev/deployments')
      .send({ version: '1.3.0' });
    expect(next.status).toBe(202);
    expect(next.body.status).toBe('queued');
  });

  it('marks the deployment failed when the executor times out', async () => {
    const { app } = await setup({ timeoutMs: 300 });
    deployer.state.mode = 'hang';
    const res = await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: 'r' });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('failed');
    expect(res.body.message).toMatch(/timeout/);
  });

  it('fails deployments that report nothing before the timeout', async () => {
    const { app, knex, execution, signals } = await setup();
    const res = await request(app)
      .post('/services/payments-api/environments/dev/deployments')
      .send({ version: '1.3.0' });
    expect(res.status).toBe(202);
    await execution.poll(new Date(Date.now() + 29 * 60_000));
    expect(
      (await request(app).get(`/deployments/${res.body.id}`)).body.status,
    ).toBe('queued');
    await execution.poll(new Date(Date.now() + 31 * 60_000));
    const detail = await request(app).get(`/deployments/${res.body.id}`);
    expect(detail.body.status).toBe('failed');
    expect(detail.body.message).toMatch(/within 30 minutes/);
    expect(detail.body.audit.map((a: any) => a.action)).toEqual([
      'deployment.triggered',
      'deployment.timed_out',
    ]);
    expect(await auditRows(knex, 'deployment.timed_out')).toHaveLength(1);
    expect(signals.map(signal => signal.message)).toEqual([
      expect.objectContaining({ deploymentId: res.body.id, status: 'queued' }),
      expect.objectContaining({ deploymentId: res.body.id, status: 'failed' }),
    ]);
  });

  it('starts exactly one of 50 concurrent rollbacks', async () => {
    const { app, knex } = await setup();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(app)
          .post('/services/payments-api/environments/dev/rollback')
          .send({ reason: `rollback ${i}` }),
      ),
    );
    const statuses = answers.map(a => a.status);
    expect(statuses.filter(s => s === 202)).toHaveLength(1);
    expect(statuses.filter(s => s === 409)).toHaveLength(49);
    const rollbacks = await knex('deployments').where('source', 'rollback');
    expect(rollbacks).toHaveLength(1);
    expect(deployer.received).toHaveLength(1);
    expect(await auditRows(knex, 'deployment.rollback')).toHaveLength(1);
    expect(await auditRows(knex, 'deployment.refused')).toHaveLength(49);
  });

  it('exports the audit trail as JSON and CSV', async () => {
    const { app } = await setup();
    await request(app)
      .post('/services/payments-api/environments/dev/rollback')
      .send({ reason: '=cmd, "quoted"' })
      .expect(202);
    await request(app)
      .post('/services/payments-api/environments/prod/rollback')
      .send({ reason: 'no target' })
      .expect(409);
    const json = await request(app).get('/audit?service=payments-api');
    expect(json.status).toBe(200);
    expect(json.body.totalCount).toBe(2);
    expect(json.body.items.map((e: any) => e.action)).toEqual([
      'deployment.refused',
      'deployment.rollback',
    ]);
    expect(json.body.items[1]).toMatchObject({
      actor: 'user:default/mock',
      reason: '=cmd, "quoted"',
      before: { status: 'succeeded', version: '1.1.0' },
      after: { status: 'queued', version: '1.0.0' },
    });
    const csv = await request(app).get(
      '/audit?service=payments-api&format=csv',
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="deployment-audit-payments-api.csv"/,
    );
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,createdAt,service,environment,deploymentId,actor,action,reason,beforeStatus,beforeVersion,afterStatus,afterVersion',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`"'=cmd, ""quoted"""`);
    expect((await request(app).get('/audit?format=xml')).status).toBe(400);
  });
});
