import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { signWebhookBody } from '@opshub/opshub-node';
import deploymentRollbackPlugin from '@opshub/plugin-deployment-rollback-backend';
import { randomUUID } from 'crypto';
import type { Server } from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import { startDemoDeployer } from './demoDeployer';

jest.setTimeout(120_000);

const DEPLOYER_SECRET = 'test-deployer-secret';
const WEBHOOK_SECRET = 'test-generic-secret';

/**
 * The demo of `./opshub start`: a rollback through the generic executor goes
 * to the demo deployer, which reports back through the signed generic
 * webhook, and the deployment ends `succeeded`.
 */
describe('demo deployer', () => {
  let server: Server;
  let deployer: Awaited<ReturnType<typeof startDemoDeployer>>;
  const logs: string[] = [];

  beforeAll(async () => {
    // the deployer needs the backend's URL and the backend the deployer's:
    // start the deployer on a free port, reporting to a late-bound URL
    const callback = { url: '' };
    deployer = await startDemoDeployer({
      port: 0,
      deployerSecret: DEPLOYER_SECRET,
      webhookSecret: WEBHOOK_SECRET,
      get callbackUrl() {
        return callback.url;
      },
      inProgressAfterMs: 100,
      succeededAfterMs: 400,
      log: line => logs.push(line),
    });
    const executor = {
      type: 'generic',
      url: deployer.url,
      secret: DEPLOYER_SECRET,
    };
    ({ server } = await startTestBackend({
      features: [
        deploymentRollbackPlugin,
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            catalog: { locations: [] },
            deploymentRollback: {
              environments: ['local', { name: 'dev', executor }],
              webhooks: { generic: { secret: WEBHOOK_SECRET } },
            },
          },
        }),
      ],
    }));
    const { port } = server.address() as AddressInfo;
    callback.url = `http://127.0.0.1:${port}/api/deployment-rollback/webhooks/generic`;
  });

  afterAll(async () => {
    await deployer.close();
  });

  const api = (path: string) => `/api/deployment-rollback${path}`;

  /** A signed generic status delivery, as a CI system sends it. */
  async function report(body: object) {
    const raw = JSON.stringify(body);
    const res = await request(server)
      .post(api('/webhooks/generic'))
      .set('content-type', 'application/json')
      .set('x-opshub-delivery', randomUUID())
      .set('x-opshub-signature-256', signWebhookBody(WEBHOOK_SECRET, raw))
      .send(raw);
    expect(res.status).toBe(202);
  }

  async function waitForStatus(id: number, status: string) {
    let last = '';
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get(api(`/deployments/${id}`))
        .set('Authorization', mockCredentials.user.header());
      last = res.body.status;
      if (last === status) return res.body;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`deployment ${id} stayed ${last}, expected ${status}`);
  }

  it('refuses unsigned requests', async () => {
    const res = await fetch(deployer.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'deploy' }),
    });
    expect(res.status).toBe(401);
  });

  it('rolls back end to end: executor, deployer, signed status webhook', async () => {
    for (const [version, day] of [
      ['1.0.0', '01'],
      ['1.1.0', '02'],
    ]) {
      await report({
        id: `ci-${version}`,
        service: 'payments-api',
        environment: 'dev',
        version,
        status: 'succeeded',
        startedAt: `2026-11-${day}T10:00:00Z`,
        finishedAt: `2026-11-${day}T10:05:00Z`,
      });
    }
    // the deliveries are applied asynchronously
    let target: any;
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get(api('/services/payments-api/environments/dev/rollback-target'))
        .set('Authorization', mockCredentials.user.header());
      target = res.body;
      if (target.target) break;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(target).toMatchObject({
      current: { version: '1.1.0' },
      target: { version: '1.0.0' },
      blocked: null,
    });

    const rollback = await request(server)
      .post(api('/services/payments-api/environments/dev/rollback'))
      .set('Authorization', mockCredentials.user.header())
      .send({ reason: 'errors after 1.1.0' });
    expect(rollback.status).toBe(202);
    expect(rollback.body).toMatchObject({
      source: 'rollback',
      version: '1.0.0',
      status: 'queued',
      externalId: String(rollback.body.id),
    });

    const done = await waitForStatus(rollback.body.id, 'succeeded');
    expect(done.audit.map((a: { action: string }) => a.action)).toEqual([
      'deployment.rollback',
      'webhook.status_changed',
      'webhook.status_changed',
    ]);
    const current = await request(server)
      .get(api('/environments?service=payments-api'))
      .set('Authorization', mockCredentials.user.header());
    expect(current.body.items).toEqual([
      expect.objectContaining({
        environment: 'dev',
        version: '1.0.0',
        deploymentId: rollback.body.id,
        executor: 'generic',
      }),
    ]);
    expect(logs.join('\n')).toMatch(/reported succeeded .*: 202/);
  });
});
