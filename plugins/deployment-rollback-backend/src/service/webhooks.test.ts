import { AuditorService } from '@backstage/backend-plugin-api';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SignalsService } from '@backstage/plugin-signals-node';
import { signWebhookBody } from '@opshub/opshub-node';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import fs from 'fs';
import { Knex } from 'knex';
import path from 'path';
import request from 'supertest';
import { DatabaseDeploymentStore } from '../database/DatabaseDeploymentStore';
import { DatabasePreviewStore } from '../database/DatabasePreviewStore';
import { DatabaseWebhookStore } from '../database/DatabaseWebhookStore';
import { VercelPreviewExecutor } from '@opshub/plugin-deployment-rollback-node';
import http from 'http';
import { AddressInfo } from 'net';
import { PreviewService } from './PreviewService';
import { DeploymentService } from './DeploymentService';
import { ExecutionService } from './ExecutionService';
import { createRouter } from './router';
import { WebhookSecrets, WebhookService } from './WebhookService';

jest.setTimeout(120_000);

const { ids, init } = createTestDatabases();

const examples = path.resolve(__dirname, '../../../../examples/webhooks');
function sample(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(examples, name), 'utf8'));
}

const SECRETS: WebhookSecrets = {
  github: "It's a Secret to Everybody",
  gitlab: 'gitlab-token',
  argocd: 'argocd-token',
  generic: 'opshub-secret',
};

const paymentsComponent = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: {
      'github.com/project-slug': 'acme/payments',
      'opshub.io/deployment-service': 'payments-api',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

describe.each(ids)('webhook ingestion on %s', databaseId => {
  async function setup(
    options: {
      secrets?: WebhookSecrets;
      result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      vercelUrl?: string;
    } = {},
  ) {
    const knex = await init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const audited: Array<Record<string, unknown>> = [];
    const auditor: AuditorService = {
      async createEvent({ eventId, meta }) {
        return {
          async success() {
            audited.push({ eventId, ...meta });
          },
          async fail() {},
        };
      },
    };
    const signals: Array<{ channel: string; message: unknown }> = [];
    const signalsService: SignalsService = {
      async publish(signal) {
        signals.push({ channel: signal.channel, message: signal.message });
      },
    };
    const webhookStore = await DatabaseWebhookStore.create({ database });
    const catalog = catalogServiceMock({ entities: [paymentsComponent] });
    const previews = new PreviewService({
      store: await DatabasePreviewStore.create({ database }),
      executor: options.vercelUrl
        ? new VercelPreviewExecutor({
            apiBaseUrl: options.vercelUrl,
            token: 'vercel-token',
            projects: {},
            timeoutMs: 5_000,
          })
        : undefined,
      signals: signalsService,
    });
    const webhooks = new WebhookService({
      store: webhookStore,
      secrets: options.secrets ?? SECRETS,
      githubWorkflowEnvironments: {
        '.github/workflows/deploy-prod.yml': 'prod',
      },
      catalog,
      auth: mockServices.auth(),
      auditor,
      signals: signalsService,
    });
    const deploymentStore = await DatabaseDeploymentStore.create({ database });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({
        result: options.result ?? AuthorizeResult.ALLOW,
      }),
      service: new DeploymentService({
        store: deploymentStore,
        environments: [],
      }),
      execution: new ExecutionService({
        store: deploymentStore,
        environments: [],
        timeoutMinutes: 30,
      }),
      webhooks,
      previews,
    });
    const app = express().use(router).use(mockErrorHandler());
    return {
      knex,
      app,
      webhooks,
      webhookStore,
      audited,
      signals,
      catalog,
      previews,
    };
  }

  async function count(knex: Knex, table: string) {
    const [{ n }] = await knex(table).count({ n: '*' });
    return Number(n);
  }

  function github(
    app: express.Express,
    event: string,
    body: unknown,
    delivery: string,
    secret = SECRETS.github!,
  ) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    return request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', event)
      .set('X-GitHub-Delivery', delivery)
      .set('X-Hub-Signature-256', signWebhookBody(secret, raw))
      .send(raw);
  }

  it("answers GitHub's documented test vector: signature valid, body not JSON → 400, stored as rejected", async () => {
    const { app, knex } = await setup();
    const res = await request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'deployment')
      .set('X-GitHub-Delivery', 'vector-1')
      .set(
        'X-Hub-Signature-256',
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      )
      .send('Hello, World!');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Malformed github delivery: body: not valid JSON',
    );
    const rows = await knex('webhook_deliveries').select();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      provider: 'github',
      delivery_key: 'vector-1',
      outcome: 'rejected',
    });
    expect(await count(knex, 'deployments')).toBe(0);

    // one changed byte: the same signature no longer verifies
    const tampered = await request(app)
      .post('/webhooks/github')
      .set('X-GitHub-Event', 'deployment')
      .set('X-GitHub-Delivery', 'vector-2')
      .set(
        'X-Hub-Signature-256',
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
      )
      .send('Hello, World?');
    expect(tampered.status).toBe(401);
    expect(await count(knex, 'webhook_deliveries')).toBe(1);
  });

  it('applies a GitHub deployment and its statuses, with the service from the catalog, audit and signals', async () => {
    const { app, knex, webhooks, audited, signals } = await setup();
    const created = await github(
      app,
      'deployment',
      sample('github-deployment.json'),
      'd-1',
    );
    expect(created.status).toBe(202);
    expect(created.body).toEqual({
      status: 'accepted',
      deliveryId: expect.any(Number),
    });
    await webhooks.idle();

    const status = sample('github-deployment_status.json');
    status.deployment_status.state = 'in_progress';
    expect((await github(app, 'deployment_status', status, 'd-2')).status).toBe(
      202,
    );
    await webhooks.idle();
    status.deployment_status.state = 'success';
    expect((await github(app, 'deployment_status', status, 'd-3')).status).toBe(
      202,
    );
    await webhooks.idle();

    const deployments = await request(app).get(
      '/deployments?service=payments-api',
    );
    expect(deployments.body.items).toEqual([
      expect.objectContaining({
        service: 'payments-api',
        environment: 'uat',
        version: '1.4.0',
        status: 'succeeded',
        source: 'webhook',
        commitSha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
        triggeredBy: 'github:octocat',
        startedAt: '2026-11-30T09:00:00.000Z',
        finishedAt: '2026-11-30T09:04:30.000Z',
      }),
    ]);

    const audit = await knex('deployment_audit').orderBy('id');
    expect(audit.map(row => [row.actor, row.action])).toEqual([
      ['webhook:github', 'webhook.created'],
      ['webhook:github', 'webhook.status_changed'],
      ['webhook:github', 'webhook.status_changed'],
    ]);
    expect(JSON.parse(audit[2].details)).toEqual({
      reason: 'github deployment_status reported succeeded (delivery d-3)',
      deliveryId: expect.any(Number),
      before: { status: 'in_progress', version: '1.4.0' },
      after: { status: 'succeeded', version: '1.4.0' },
    });
    expect(audited.map(e => [e.eventId, e.action, e.after])).toEqual([
      ['deployment-webhook', 'webhook.created', { status: 'queued' }],
      [
        'deployment-webhook',
        'webhook.status_changed',
        { status: 'in_progress' },
      ],
      ['deployment-webhook', 'webhook.status_changed', { status: 'succeeded' }],
    ]);
    expect(signals.map(s => s.channel)).toEqual([
      'deployment-rollback:service:payments-api',
      'deployment-rollback:service:payments-api',
      'deployment-rollback:service:payments-api',
    ]);
    expect(signals[2].message).toMatchObject({
      type: 'deployment.changed',
      status: 'succeeded',
    });
    const outcomes = await knex('webhook_deliveries').orderBy('id');
    expect(outcomes.map(row => row.outcome)).toEqual([
      'processed',
      'processed',
      'processed',
    ]);
    expect(outcomes.every(row => row.processed_at !== null)).toBe(true);

    // a late "in_progress" does not move a finished deployment back
    status.deployment_status.state = 'in_progress';
    expect((await github(app, 'deployment_status', status, 'd-4')).status).toBe(
      202,
    );
    await webhooks.idle();
    expect((await knex('deployments').first('status')).status).toBe(
      'succeeded',
    );
    expect(await count(knex, 'deployment_audit')).toBe(3);
    expect(signals).toHaveLength(3);
  });

  it('asks the catalog once per repository for a burst of deliveries', async () => {
    const { app, webhooks, knex, catalog } = await setup();
    const spy = jest.spyOn(catalog, 'getEntities');
    const status = sample('github-deployment_status.json');
    for (const [i, state] of ['in_progress', 'success'].entries()) {
      status.deployment_status.state = state;
      await github(app, 'deployment_status', status, `burst-${i}`);
      await webhooks.idle();
    }
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await knex('deployments').select('service', 'status')).toEqual([
      { service: 'payments-api', status: 'succeeded' },
    ]);
  });

  it('falls back to the repository name when no Component matches', async () => {
    const { app, knex, webhooks } = await setup();
    const body = sample('github-deployment.json');
    body.repository.full_name = 'acme/other';
    body.repository.name = 'other';
    body.deployment.payload = {};
    expect((await github(app, 'deployment', body, 'x-1')).status).toBe(202);
    await webhooks.idle();
    expect(await knex('deployments').first('service', 'version')).toEqual({
      service: 'other',
      version: 'v1.4.0',
    });
  });

  it('stores a redelivery once and answers it 200', async () => {
    const { app, knex, webhooks } = await setup();
    const body = sample('github-deployment.json');
    const first = await github(app, 'deployment', body, 'same');
    await webhooks.idle();
    const again = await github(app, 'deployment', body, 'same');
    await webhooks.idle();
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      status: 'duplicate',
      deliveryId: first.body.deliveryId,
    });
    expect(await count(knex, 'webhook_deliveries')).toBe(1);
    expect(await count(knex, 'deployments')).toBe(1);
    expect(await count(knex, 'deployment_audit')).toBe(1);
  });

  it('stores 20 concurrent identical deliveries once', async () => {
    const { app, knex, webhooks } = await setup();
    const body = sample('github-deployment.json');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        github(app, 'deployment', body, 'burst'),
      ),
    );
    await webhooks.idle();
    const statuses = answers.map(a => a.status).sort();
    expect(statuses.filter(s => s === 202)).toHaveLength(1);
    expect(statuses.filter(s => s === 200)).toHaveLength(19);
    expect(await count(knex, 'webhook_deliveries')).toBe(1);
    expect(await count(knex, 'deployments')).toBe(1);
  });

  it('applies concurrent deliveries of one deployment to one row', async () => {
    const { app, knex, webhooks } = await setup();
    const status = sample('github-deployment_status.json');
    const answers = await Promise.all(
      ['queued', 'in_progress', 'success', 'pending'].map((state, i) => {
        const body = JSON.parse(JSON.stringify(status));
        body.deployment_status.state = state;
        return github(app, 'deployment_status', body, `race-${i}`);
      }),
    );
    expect(answers.map(a => a.status)).toEqual([202, 202, 202, 202]);
    await webhooks.idle();
    expect(await knex('deployments').select('status')).toEqual([
      { status: 'succeeded' },
    ]);
  });

  it('refuses missing and wrong signatures with 401 and stores nothing', async () => {
    const { app, knex } = await setup();
    const raw = JSON.stringify(sample('github-deployment.json'));
    const cases = [
      request(app)
        .post('/webhooks/github')
        .set('X-GitHub-Event', 'deployment')
        .set('X-GitHub-Delivery', 'a')
        .send(raw),
      github(app, 'deployment', raw, 'b', 'wrong secret'),
      request(app)
        .post('/webhooks/gitlab')
        .set('X-Gitlab-Webhook-UUID', 'c')
        .send(JSON.stringify(sample('gitlab-deployment.json'))),
      request(app)
        .post('/webhooks/gitlab')
        .set('X-Gitlab-Token', 'gitlab-token!')
        .set('X-Gitlab-Webhook-UUID', 'd')
        .send(JSON.stringify(sample('gitlab-deployment.json'))),
      request(app)
        .post('/webhooks/argocd')
        .set('X-Argocd-Token', 'ARGOCD-TOKEN')
        .send(JSON.stringify(sample('argocd-sync.json'))),
      request(app)
        .post('/webhooks/generic')
        .set('X-OpsHub-Delivery', 'e')
        .set(
          'X-OpsHub-Signature-256',
          signWebhookBody('opshub-secret', '{"other":"body"}'),
        )
        .send(JSON.stringify(sample('generic-deployment.json'))),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/^Missing or invalid X-/);
    }
    expect(await count(knex, 'webhook_deliveries')).toBe(0);
  });

  it('answers 404 and stores nothing for a provider without a secret', async () => {
    const { app, knex } = await setup({
      secrets: { github: SECRETS.github, gitlab: '' },
    });
    for (const provider of ['gitlab', 'argocd', 'generic']) {
      const res = await request(app)
        .post(`/webhooks/${provider}`)
        .set('X-Gitlab-Token', '')
        .set('X-OpsHub-Signature-256', signWebhookBody('', '{}'))
        .send('{}');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        `Webhook provider ${provider} is not configured`,
      );
    }
    const unknown = await request(app).post('/webhooks/jenkins').send('{}');
    expect(unknown.status).toBe(404);
    expect(await count(knex, 'webhook_deliveries')).toBe(0);
  });

  it('rejects a malformed body with a valid signature: 400 naming the field, recorded, no deployment', async () => {
    const { app, knex } = await setup();
    const body = sample('github-deployment.json');
    delete body.deployment.environment;
    const res = await github(app, 'deployment', body, 'bad-1');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Malformed github delivery: deployment.environment: Required',
    );
    const again = await github(app, 'deployment', body, 'bad-1');
    expect(again.status).toBe(400);
    const rows = await knex('webhook_deliveries').select();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      outcome: 'rejected',
      error: 'Malformed github delivery: deployment.environment: Required',
    });
    expect(await count(knex, 'deployments')).toBe(0);

    // a delivery without its id header is rejected under its body's hash
    const raw = JSON.stringify(sample('github-deployment.json'));
    const noId = await request(app)
      .post('/webhooks/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'deployment')
      .set('X-Hub-Signature-256', signWebhookBody(SECRETS.github!, raw))
      .send(raw);
    expect(noId.status).toBe(400);
    expect(noId.body.error.message).toMatch(/X-GitHub-Delivery/);
    expect(
      await knex('webhook_deliveries')
        .where('outcome', 'rejected')
        .orderBy('id')
        .pluck('delivery_key'),
    ).toEqual(['bad-1', expect.stringMatching(/^body-sha256:[0-9a-f]{64}$/)]);
    expect(await count(knex, 'deployments')).toBe(0);
  });

  it('answers 400, never 5xx, to NUL characters, wrong JSON types and huge bodies', async () => {
    const { app, knex } = await setup();
    const body = sample('generic-deployment.json');
    const cases: Array<[unknown, number, string]> = [
      [
        { ...body, service: 'pay\u0000ments' },
        400,
        'Malformed generic delivery: service: must not contain a NUL character',
      ],
      [
        { ...body, version: 42 },
        400,
        'Malformed generic delivery: version: Expected string, received number',
      ],
      [[body], 400, 'Malformed generic delivery: body: expected a JSON object'],
      [{ ...body, ['__proto__']: { polluted: true } }, 202, ''],
    ];
    let n = 0;
    for (const [payload, status, message] of cases) {
      const raw = JSON.stringify(payload);
      const res = await request(app)
        .post('/webhooks/generic')
        .set('Content-Type', 'application/json')
        .set('X-OpsHub-Delivery', `weird-${n++}`)
        .set('X-OpsHub-Signature-256', signWebhookBody('opshub-secret', raw))
        .send(raw);
      expect([res.status, res.body.error?.message ?? '']).toEqual([
        status,
        message,
      ]);
    }
    expect(({} as any).polluted).toBeUndefined();

    const huge = 'x'.repeat(1_100_000);
    const tooBig = await request(app)
      .post('/webhooks/generic')
      .set('Content-Type', 'application/json')
      .set('X-OpsHub-Delivery', 'huge')
      .set('X-OpsHub-Signature-256', signWebhookBody('opshub-secret', huge))
      .send(huge);
    expect(tooBig.status).toBe(413);
    expect(await count(knex, 'deployments')).toBeLessThanOrEqual(1);
  });

  it('acknowledges unknown events and records them as ignored', async () => {
    const { app, knex } = await setup();
    const res = await github(
      app,
      'ping',
      { zen: 'Keep it logically awesome.' },
      'p-1',
    );
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('ignored');
    expect(await knex('webhook_deliveries').first()).toMatchObject({
      event: 'ping',
      outcome: 'ignored',
      error: 'GitHub event ping does not describe a deployment',
    });
    expect(await count(knex, 'deployments')).toBe(0);
  });

  it('ingests GitLab Deployment and Pipeline hooks', async () => {
    const { app, knex, webhooks } = await setup();
    const deployment = sample('gitlab-deployment.json');
    deployment.status = 'running';
    const send = (body: unknown, uuid: string, event: string) =>
      request(app)
        .post('/webhooks/gitlab')
        .set('X-Gitlab-Token', 'gitlab-token')
        .set('X-Gitlab-Event', event)
        .set('X-Gitlab-Webhook-UUID', uuid)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
    expect((await send(deployment, 'g-1', 'Deployment Hook')).status).toBe(202);
    await webhooks.idle();
    deployment.status = 'success';
    expect((await send(deployment, 'g-2', 'Deployment Hook')).status).toBe(202);
    expect((await send(deployment, 'g-2', 'Deployment Hook')).status).toBe(200);
    expect(
      (await send(sample('gitlab-pipeline.json'), 'g-3', 'Pipeline Hook'))
        .status,
    ).toBe(202);
    await webhooks.idle();
    const rows = await knex('deployments')
      .orderBy('external_id')
      .select('external_id', 'service', 'environment', 'status');
    expect(rows).toEqual([
      {
        external_id: 'gitlab:deployment:15',
        service: 'checkout-web',
        environment: 'uat',
        status: 'succeeded',
      },
      {
        external_id: 'gitlab:pipeline:30:31',
        service: 'checkout-web',
        environment: 'prod',
        status: 'in_progress',
      },
    ]);
  });

  it('ingests Argo CD notifications keyed by app, revision and finishedAt', async () => {
    const { app, knex, webhooks } = await setup();
    const running = sample('argocd-sync.json');
    running.phase = 'Running';
    running.finishedAt = '<no value>';
    const send = (body: unknown) =>
      request(app)
        .post('/webhooks/argocd')
        .set('X-Argocd-Token', 'argocd-token')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body));
    expect((await send(running)).status).toBe(202);
    await webhooks.idle();
    // Argo CD retries after a 5xx with the same body: a redelivery
    expect((await send(running)).status).toBe(200);
    expect((await send(sample('argocd-sync.json'))).status).toBe(202);
    await webhooks.idle();
    expect(
      await knex('deployments').select('service', 'status', 'version'),
    ).toEqual([
      { service: 'ledger-worker', status: 'succeeded', version: '0123456' },
    ]);
    expect(
      (
        await knex('webhook_deliveries').orderBy('id').select('delivery_key')
      ).map(r => r.delivery_key),
    ).toEqual([
      'ledger-worker-prod@0123456789abcdef0123456789abcdef01234567@',
      'ledger-worker-prod@0123456789abcdef0123456789abcdef01234567@2026-11-30T12:01:30Z',
    ]);
  });

  it('ingests signed generic deliveries and rejects a bad status', async () => {
    const { app, knex, webhooks } = await setup();
    const send = (body: unknown, id: string) => {
      const raw = JSON.stringify(body);
      return request(app)
        .post('/webhooks/generic')
        .set('X-OpsHub-Delivery', id)
        .set('X-OpsHub-Signature-256', signWebhookBody('opshub-secret', raw))
        .set('Content-Type', 'application/json')
        .send(raw);
    };
    const body = sample('generic-deployment.json');
    expect((await send({ ...body, status: 'in_progress' }, 'o-1')).status).toBe(
      202,
    );
    await webhooks.idle();
    expect((await send(body, 'o-2')).status).toBe(202);
    await webhooks.idle();
    const bad = await send({ ...body, status: 'done' }, 'o-3');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^Malformed generic delivery: status:/,
    );
    expect(await knex('deployments').select('status', 'triggered_by')).toEqual([
      { status: 'succeeded', triggered_by: 'jane' },
    ]);
    expect(
      (await knex('webhook_deliveries').orderBy('id').select('outcome')).map(
        r => r.outcome,
      ),
    ).toEqual(['processed', 'processed', 'rejected']);
  });

  it('lets a newly reported in-flight deployment supersede the one in flight, stored or in the same batch', async () => {
    const { app, knex, webhooks } = await setup();
    const send = (body: unknown, id: string) => {
      const raw = JSON.stringify(body);
      return request(app)
        .post('/webhooks/generic')
        .set('X-OpsHub-Delivery', id)
        .set('X-OpsHub-Signature-256', signWebhookBody('opshub-secret', raw))
        .set('Content-Type', 'application/json')
        .send(raw);
    };
    const body = sample('generic-deployment.json');
    // a deployment OpsHub triggered, still queued
    await knex('deployments').insert({
      service: body.service,
      environment: body.environment,
      version: '0.0.1',
      status: 'queued',
      source: 'trigger',
      triggered_by: 'user:default/jane',
      started_at: new Date(),
    });
    // the provider reports two other runs in flight for the same place
    const first = send(
      { ...body, id: 'run-1', version: '9.0.0', status: 'in_progress' },
      's-1',
    );
    const second = send(
      { ...body, id: 'run-2', version: '9.0.1', status: 'queued' },
      's-2',
    );
    expect((await first).status).toBe(202);
    expect((await second).status).toBe(202);
    await webhooks.idle();
    await webhooks.sweep();
    const rows = await knex('deployments')
      .where({ service: body.service, environment: body.environment })
      .orderBy('id')
      .select('version', 'status');
    expect(
      rows.filter(r => ['queued', 'in_progress'].includes(r.status)),
    ).toEqual([{ version: '9.0.1', status: 'queued' }]);
    expect(rows.find(r => r.version === '0.0.1')?.status).toBe('superseded');
    expect(
      (await knex('webhook_deliveries').orderBy('id').select('outcome')).map(
        r => r.outcome,
      ),
    ).toEqual(['processed', 'processed']);
  });

  it('processes a delivery left pending by a crash from the scheduled sweep', async () => {
    const { knex, webhooks, webhookStore, signals } = await setup();
    // what a crash between the 202 and the processing leaves behind
    const { id } = await webhookStore.recordDelivery({
      provider: 'generic',
      deliveryKey: 'crashed',
      event: 'deployment',
      outcome: 'pending',
      error: null,
      payload: sample('generic-deployment.json'),
      receivedAt: new Date(),
    });
    expect(await count(knex, 'deployments')).toBe(0);
    expect(await webhooks.sweep()).toBe(1);
    expect(
      await knex('webhook_deliveries').where('id', id).first(),
    ).toMatchObject({ outcome: 'processed' });
    expect(await knex('deployments').select('service', 'status')).toEqual([
      { service: 'payments-api', status: 'succeeded' },
    ]);
    expect(signals).toHaveLength(1);
    // a second sweep finds nothing to do
    expect(await webhooks.sweep()).toBe(0);
    expect(await count(knex, 'deployment_audit')).toBe(1);
  });

  it('applies each pending delivery once when several instances sweep at the same time', async () => {
    const { knex, webhookStore, signals } = await setup();
    const body = sample('generic-deployment.json');
    for (let i = 0; i < 30; i++) {
      await webhookStore.recordDelivery({
        provider: 'generic',
        deliveryKey: `replica-${i}`,
        event: 'deployment',
        outcome: 'pending',
        error: null,
        payload: { ...body, version: `1.${i}.0` },
        receivedAt: new Date(),
      });
    }
    const announced: string[] = [];
    const replicas = [1, 2, 3].map(
      () =>
        new WebhookService({
          store: webhookStore,
          secrets: SECRETS,
          signals: {
            async publish(signal) {
              announced.push(JSON.stringify(signal.message));
            },
          },
        }),
    );
    await Promise.all(replicas.map(replica => replica.sweep()));
    expect(await count(knex, 'deployments')).toBe(30);
    expect(await count(knex, 'deployment_audit')).toBe(30);
    expect(announced).toHaveLength(30);
    expect(new Set(announced).size).toBe(30);
    expect(signals).toHaveLength(0);
    expect(
      (await knex('webhook_deliveries').pluck('outcome')).every(
        (o: string) => o === 'processed',
      ),
    ).toBe(true);
  });

  it('retries a failing delivery and marks it failed after five attempts', async () => {
    const { webhooks, webhookStore, knex } = await setup();
    const { id } = await webhookStore.recordDelivery({
      provider: 'github',
      deliveryKey: 'catalog-down',
      event: 'deployment',
      outcome: 'pending',
      error: null,
      payload: sample('github-deployment.json'),
      receivedAt: new Date(),
    });
    const failing = new WebhookService({
      store: webhookStore,
      secrets: SECRETS,
      catalog: {
        getEntities: async () => {
          throw new Error('catalog unavailable');
        },
      } as any,
      auth: mockServices.auth(),
    });
    for (let i = 1; i <= 4; i++) {
      await failing.sweep();
      expect(
        await knex('webhook_deliveries').where('id', id).first(),
      ).toMatchObject({
        outcome: 'pending',
        attempts: i,
        error: 'catalog unavailable',
      });
    }
    await failing.sweep();
    expect(
      await knex('webhook_deliveries').where('id', id).first(),
    ).toMatchObject({
      outcome: 'failed',
      attempts: 5,
    });
    expect(await count(knex, 'deployments')).toBe(0);
    expect(await webhooks.sweep()).toBe(0);
  });

  it('lists deliveries without payloads, filtered and paged, behind delivery.read', async () => {
    const { app } = await setup();
    await github(
      app,
      'ping',
      { zen: 'x', hook: { config: { secret: 'hidden' } } },
      'l-1',
    );
    await github(app, 'deployment', 'not json', 'l-2');
    const res = await request(app).get('/deliveries?limit=1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalCount: 2, limit: 1, offset: 0 });
    expect(Object.keys(res.body.items[0]).sort()).toEqual([
      'deliveryKey',
      'error',
      'event',
      'id',
      'outcome',
      'processedAt',
      'provider',
      'receivedAt',
      'verified',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('hidden');
    const rejected = await request(app).get('/deliveries?outcome=rejected');
    expect(rejected.body.items).toEqual([
      expect.objectContaining({
        provider: 'github',
        event: 'deployment',
        verified: true,
        outcome: 'rejected',
      }),
    ]);
    const bad = await request(app).get('/deliveries?provider=jenkins');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/provider/);
  });

  it('answers 403 on /deliveries when the policy denies', async () => {
    const { app } = await setup({ result: AuthorizeResult.DENY });
    const res = await request(app).get('/deliveries');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /deployment-rollback\.delivery\.read/,
    );
  });

  it('deploys a preview per pull request through the executor, redeploys new commits, tears it down on close', async () => {
    const calls: string[] = [];
    let nextId = 0;
    const vercel = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        calls.push(
          `${req.method} ${req.url} ${
            body ? JSON.parse(body).gitSource.sha : ''
          }`.trim(),
        );
        res.writeHead(200, { 'content-type': 'application/json' });
        nextId += 1;
        res.end(
          req.method === 'POST'
            ? JSON.stringify({
                id: `dpl_${nextId}`,
                url: `payments-${nextId}.vercel.app`,
              })
            : JSON.stringify({ uid: 'dpl', state: 'DELETED' }),
        );
      });
    });
    await new Promise<void>(resolve => vercel.listen(0, '127.0.0.1', resolve));
    try {
      const { app, knex, webhooks, previews, signals } = await setup({
        vercelUrl: `http://127.0.0.1:${(vercel.address() as AddressInfo).port}`,
      });
      const pr = sample('github-pull_request.json');
      const opened = await github(app, 'pull_request', pr, 'pr-1');
      expect(opened.status).toBe(202);
      await webhooks.idle();
      await previews.run();

      const list = await request(app).get('/previews?service=payments-api');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({
        configured: true,
        totalCount: 1,
        items: [
          {
            service: 'payments-api',
            repository: 'acme/payments',
            pullRequest: 42,
            branch: 'feature/cards',
            commitSha: pr.pull_request.head.sha,
            author: 'github:alice',
            state: 'deployed',
            url: 'https://payments-1.vercel.app',
            executor: 'vercel',
            error: null,
          },
        ],
      });
      expect(signals.map(s => s.message)).toContainEqual(
        expect.objectContaining({ type: 'preview.changed', state: 'deployed' }),
      );

      // a redelivery changes nothing; a new commit redeploys
      expect((await github(app, 'pull_request', pr, 'pr-1')).status).toBe(200);
      pr.action = 'synchronize';
      pr.pull_request.head.sha = 'aaaabbbbccccddddeeeeffff0000111122223333';
      expect((await github(app, 'pull_request', pr, 'pr-2')).status).toBe(202);
      await webhooks.idle();
      await previews.run();
      pr.action = 'closed';
      expect((await github(app, 'pull_request', pr, 'pr-3')).status).toBe(202);
      await webhooks.idle();
      await previews.run();

      expect(calls).toEqual([
        `POST /v13/deployments ${'4b825dc642cb6eb9a060e54bf8d69288fbee4904'}`,
        'POST /v13/deployments aaaabbbbccccddddeeeeffff0000111122223333',
        'DELETE /v13/deployments/dpl_2',
      ]);
      const rows = await knex('previews').select();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ state: 'closed', external_id: 'dpl_2' });
      expect(
        (await request(app).get('/previews?pr=42&state=closed')).body
          .totalCount,
      ).toBe(1);
      expect((await request(app).get('/previews?pr=0')).status).toBe(400);
    } finally {
      vercel.closeAllConnections();
      await new Promise(resolve => vercel.close(resolve));
    }
  });

  it('records a failed preview with the reason when no preview executor is configured', async () => {
    const { app, webhooks, previews } = await setup();
    const pr = sample('github-pull_request.json');
    expect((await github(app, 'pull_request', pr, 'pr-x')).status).toBe(202);
    await webhooks.idle();
    await previews.run();
    const list = await request(app).get('/previews');
    expect(list.body).toMatchObject({
      configured: false,
      items: [
        {
          state: 'failed',
          error: expect.stringContaining('No preview executor is configured'),
        },
      ],
    });
    // an action that changes no preview is acknowledged and ignored
    pr.action = 'labeled';
    const labeled = await github(app, 'pull_request', pr, 'pr-y');
    expect(labeled.body.status).toBe('ignored');
  });
});
