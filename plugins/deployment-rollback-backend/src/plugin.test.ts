import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signWebhookBody } from '@opshub/opshub-node';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import request from 'supertest';
import { DatabaseWebhookStore } from './database/DatabaseWebhookStore';
import { deploymentRollbackPlugin } from './plugin';

const { init } = createTestDatabases();

jest.setTimeout(60_000);

describe('deploymentRollbackPlugin', () => {
  it('starts, migrates and serves its routes', async () => {
    const { server } = await startTestBackend({
      features: [
        deploymentRollbackPlugin,
        mockServices.rootConfig.factory(),
        catalogServiceMock.factory(),
      ],
    });

    const health = await request(server).get('/api/deployment-rollback/health');
    expect(health.status).toBe(200);

    const unauthenticated = await request(server)
      .get('/api/deployment-rollback/deployments')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);

    const list = await request(server)
      .get('/api/deployment-rollback/deployments')
      .set('Authorization', mockCredentials.user.header());
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [],
      totalCount: 0,
      limit: 50,
      offset: 0,
    });

    // no secret configured: every webhook route is closed
    for (const provider of ['github', 'gitlab', 'argocd', 'generic']) {
      const res = await request(server)
        .post(`/api/deployment-rollback/webhooks/${provider}`)
        .send('{}');
      expect(res.status).toBe(404);
    }
  });

  it('opens the webhook routes, and only them, to unauthenticated callers', async () => {
    const { server } = await startTestBackend({
      features: [
        deploymentRollbackPlugin,
        mockServices.rootConfig.factory({
          data: {
            deploymentRollback: {
              webhooks: {
                generic: { secret: 'opshub-secret' },
                // what an unset or empty ${GITLAB_WEBHOOK_TOKEN} leaves
                gitlab: { token: '' },
              },
            },
          },
        }),
        catalogServiceMock.factory(),
      ],
    });
    const body = JSON.stringify({
      service: 'payments-api',
      environment: 'dev',
      version: '1.0.0',
      status: 'succeeded',
    });
    const accepted = await request(server)
      .post('/api/deployment-rollback/webhooks/generic')
      .set('Content-Type', 'application/json')
      .set('X-OpsHub-Delivery', 'plugin-1')
      .set('X-OpsHub-Signature-256', signWebhookBody('opshub-secret', body))
      .send(body);
    expect(accepted.status).toBe(202);

    const unsigned = await request(server)
      .post('/api/deployment-rollback/webhooks/generic')
      .set('X-OpsHub-Delivery', 'plugin-2')
      .send(body);
    expect(unsigned.status).toBe(401);

    const emptyToken = await request(server)
      .post('/api/deployment-rollback/webhooks/gitlab')
      .set('X-Gitlab-Token', '')
      .send('{}');
    expect(emptyToken.status).toBe(404);

    // the auth policy matches /webhooks and paths below it, nothing else
    for (const path of [
      '/deliveries',
      '/deployments',
      '/webhooksx',
      '/x/webhooks',
    ]) {
      const res = await request(server)
        .get(`/api/deployment-rollback${path}`)
        .set('Authorization', mockCredentials.none.header());
      expect([path, res.status]).toEqual([path, 401]);
    }

    const deliveries = await request(server)
      .get('/api/deployment-rollback/deliveries')
      .set('Authorization', mockCredentials.user.header());
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.items).toEqual([
      expect.objectContaining({
        provider: 'generic',
        deliveryKey: 'plugin-1',
        verified: true,
      }),
    ]);
  });

  it('runs the scheduled sweep that applies deliveries left pending by a crash', async () => {
    const knex = await init('SQLITE_3');
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const store = await DatabaseWebhookStore.create({ database });
    // the process died after answering 202 and before processing
    await store.recordDelivery({
      provider: 'generic',
      deliveryKey: 'before-the-crash',
      event: 'deployment',
      outcome: 'pending',
      error: null,
      payload: {
        service: 'ledger-worker',
        environment: 'prod',
        version: '7.0.0',
        status: 'succeeded',
      },
      receivedAt: new Date(),
    });
    const { server } = await startTestBackend({
      features: [
        deploymentRollbackPlugin,
        mockServices.rootConfig.factory(),
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory(),
      ],
    });
    let items: Array<{ version: string }> = [];
    for (let i = 0; i < 60 && items.length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 500));
      const res = await request(server)
        .get('/api/deployment-rollback/deployments?service=ledger-worker')
        .set('Authorization', mockCredentials.user.header());
      items = res.body.items;
    }
    expect(items).toEqual([expect.objectContaining({ version: '7.0.0' })]);
    expect(
      await knex('webhook_deliveries')
        .where('delivery_key', 'before-the-crash')
        .first('outcome'),
    ).toEqual({ outcome: 'processed' });
  });
});
