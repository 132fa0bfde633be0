import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import express from 'express';
import net from 'net';
import request from 'supertest';
import { AlertService } from '../alerts/AlertService';
import { AlertsConfig } from '../alerts/config';
import { DatabaseAlertStore } from '../alerts/DatabaseAlertStore';
import { alertmanagerPayload } from '../alerts/testing';
import { DatabaseHealthStore } from '../database/DatabaseHealthStore';
import { HealthNotifier } from '../notifications/HealthNotifier';
import { startFakePagerDuty, startFakeSlack } from '../testing/fakeSaas';
import { HealthService } from './HealthService';
import { Prober } from './Prober';
import { createRouter } from './router';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();

const TOKEN = 'am-webhook-t0ken';

async function waitFor(done: () => boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 10));
  }
}
const ROUTING_KEY = 'R0UT1NGKEY0123456789abcdefabcdef';

describe.each(ids)('alert routes on %s', databaseId => {
  let slack: Awaited<ReturnType<typeof startFakeSlack>>;
  let pagerduty: Awaited<ReturnType<typeof startFakePagerDuty>>;

  beforeAll(async () => {
    slack = await startFakeSlack();
    pagerduty = await startFakePagerDuty(ROUTING_KEY);
  });
  afterAll(async () => {
    await slack.close();
    await pagerduty.close();
  });
  beforeEach(() => {
    slack.requests.length = 0;
    pagerduty.requests.length = 0;
  });

  async function setup(
    options: {
      result?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
      config?: Partial<AlertsConfig>;
    } = {},
  ) {
    const knex = await init(databaseId);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const service = new HealthService({
      store: await DatabaseHealthStore.create({ database }),
      prober: new Prober(),
      logger: mockServices.logger.mock(),
      sampleRetentionDays: 7,
    });
    const config: AlertsConfig = {
      alertmanagerToken: TOKEN,
      serviceLabel: 'service',
      slackDisabled: false,
      slackWebhookUrl: slack.webhookUrl,
      pagerduty: { routingKey: ROUTING_KEY, baseUrl: pagerduty.url },
      perServicePerMinute: 100,
      appBaseUrl: 'http://opshub.example.com',
      resolvedAlertDays: 365,
      ...options.config,
    };
    const send = jest.fn(async () => {});
    const alerts = new AlertService({
      store: await DatabaseAlertStore.create({ database }),
      config,
      logger: mockServices.logger.mock(),
      notifier: new HealthNotifier({
        logger: mockServices.logger.mock(),
        notifications: { send },
        perServicePerMinute: 100,
      }),
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions({
        result: options.result ?? AuthorizeResult.ALLOW,
      }),
      service,
      alerts,
    });
    const app = express().use(router).use(mockErrorHandler());
    const count = async () =>
      Number((await knex('health_alerts').count({ n: '*' }))[0].n);
    /** `token: null` sends no Authorization header. */
    const post = (body: unknown, token: string | null = TOKEN) => {
      const req = request(app).post('/alerts/alertmanager');
      if (token !== null) req.set('Authorization', `Bearer ${token}`);
      return typeof body === 'string'
        ? req.set('Content-Type', 'application/json').send(body)
        : req.send(body as object);
    };
    return { app, count, post, send, knex };
  }

  const payload = alertmanagerPayload([
    { fingerprint: 'aaaa000000000001' },
    {
      fingerprint: 'aaaa000000000002',
      labels: {
        alertname: 'DiskFull',
        service: 'checkout-web',
        severity: 'warning',
      },
      startsAt: '2026-12-02T09:00:00Z',
    },
  ]);

  describe('POST /alerts/alertmanager', () => {
    it('answers 404 and stores nothing when no token is configured', async () => {
      const { post, count } = await setup({
        config: { alertmanagerToken: undefined },
      });
      const res = await post(payload, 'anything');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/not configured/);
      expect((await post(payload, '')).status).toBe(404);
      expect(await count()).toBe(0);
    });

    it('answers 401 for a missing or wrong token, before reading the body', async () => {
      const { app, post, count } = await setup();
      expect((await post(payload, null)).status).toBe(401);
      expect((await post(payload, `${TOKEN}x`)).status).toBe(401);
      expect((await post('{not json', 'wrong')).status).toBe(401);
      const basic = await request(app)
        .post('/alerts/alertmanager')
        .set(
          'Authorization',
          `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}`,
        )
        .send(payload);
      expect(basic.status).toBe(401);
      expect(JSON.stringify(basic.body)).not.toContain(TOKEN);
      expect(await count()).toBe(0);
    });

    it('answers 400 for a malformed payload and stores nothing of it', async () => {
      const { post, count } = await setup();
      const notJson = await post('{"version": "4", ');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toBe(
        'Invalid Alertmanager payload: not JSON',
      );
      const v3 = await post({ ...payload, version: '3' });
      expect(v3.status).toBe(400);
      expect(v3.body.error.message).toMatch(/version/);
      // one bad alert among good ones: none is stored
      const bad = alertmanagerPayload([
        { fingerprint: 'aaaa000000000001' },
        { fingerprint: 'aaaa000000000002', startsAt: 'yesterday' },
      ]);
      const res = await post(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /^Invalid Alertmanager payload: alerts\.1\.startsAt/,
      );
      const noName = alertmanagerPayload([
        { fingerprint: 'aaaa000000000003', labels: { service: 'x' } },
      ]);
      expect((await post(noName)).body.error.message).toMatch(/alertname/);
      expect(await count()).toBe(0);
    });

    it('stores new alerts once, updates re-sends, resolves, and notifies once', async () => {
      const { post, count, send, app } = await setup();
      const first = await post(payload);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        received: 2,
        created: 2,
        updated: 0,
        resolved: 0,
      });
      const again = await post(payload);
      expect(again.body).toMatchObject({ created: 0, updated: 2 });
      expect(await count()).toBe(2);
      // notifications go out after the answer
      await waitFor(() => send.mock.calls.length === 2);
      expect(send).toHaveBeenCalledTimes(2);

      const resolved = alertmanagerPayload([
        {
          fingerprint: 'aaaa000000000001',
          status: 'resolved',
          endsAt: '2026-12-02T10:30:00Z',
        },
      ]);
      expect((await post(resolved)).body).toMatchObject({ resolved: 1 });
      expect(send).toHaveBeenCalledTimes(2);

      const list = await request(app).get('/alerts');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ totalCount: 2, limit: 50, offset: 0 });
      expect(list.body.items[0]).toMatchObject({
        fingerprint: 'aaaa000000000001',
        state: 'resolved',
        endsAt: '2026-12-02T10:30:00.000Z',
        startsAt: '2026-12-02T10:00:00.123Z',
        service: 'payments-api',
        severity: 'critical',
        summary: 'payments-api answers 5% errors',
        runbookUrl: 'https://runbooks.example.com/high-error-rate',
        dashboardUrl: 'https://grafana.example.com/d/payments',
        generatorUrl: 'http://prometheus.example.com/graph?g0.expr=up',
        resolution: { by: 'alertmanager' },
      });
    });

    it('takes the service from the configured label', async () => {
      const { post, app } = await setup({ config: { serviceLabel: 'app' } });
      await post(
        alertmanagerPayload([
          {
            fingerprint: 'bbbb000000000001',
            labels: { alertname: 'Down', app: 'ledger-worker' },
          },
        ]),
      );
      const list = await request(app).get('/alerts?service=ledger-worker');
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0].severity).toBeNull();
    });
  });

  describe('the alert feed', () => {
    async function withAlerts(options: Parameters<typeof setup>[0] = {}) {
      const ctx = await setup(options);
      await ctx.post(payload);
      const rows = await ctx.knex('health_alerts').select('id', 'fingerprint');
      const byFingerprint = Object.fromEntries(
        rows.map(row => [row.fingerprint, Number(row.id)]),
      ) as Record<string, number>;
      return {
        ...ctx,
        payments: byFingerprint.aaaa000000000001,
        checkout: byFingerprint.aaaa000000000002,
      };
    }

    it('lists newest first with filters and paging, and reads one alert', async () => {
      const { app, payments, checkout } = await withAlerts();
      const firing = await request(app).get('/alerts?state=firing&limit=1');
      expect(firing.body).toMatchObject({ totalCount: 2, limit: 1 });
      expect(firing.body.items.map((a: { id: number }) => a.id)).toEqual([
        payments,
      ]);
      const bySeverity = await request(app).get('/alerts?severity=warning');
      expect(bySeverity.body.items.map((a: { id: number }) => a.id)).toEqual([
        checkout,
      ]);
      const one = await request(app).get(`/alerts/${payments}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: payments, escalations: [] });

      expect((await request(app).get('/alerts?state=open')).status).toBe(400);
      expect((await request(app).get('/alerts/2147483648')).status).toBe(400);
      expect((await request(app).get('/alerts/abc')).status).toBe(400);
      expect((await request(app).get('/alerts/2147483647')).status).toBe(404);
    });

    it('acknowledges, resolves, and answers 409 for transitions the state refuses', async () => {
      const { app, payments } = await withAlerts();
      const until = new Date(Date.now() + 3_600_000).toISOString();
      const ack = await request(app)
        .post(`/alerts/${payments}/acknowledge`)
        .send({ comment: 'on it', until });
      expect(ack.status).toBe(200);
      expect(ack.body).toMatchObject({
        state: 'acknowledged',
        acknowledgement: {
          by: 'user:default/mock',
          comment: 'on it',
          until,
          expired: false,
        },
      });
      const twice = await request(app)
        .post(`/alerts/${payments}/acknowledge`)
        .send({});
      expect(twice.status).toBe(409);
      expect(twice.body.error.message).toBe(
        `Alert ${payments} is acknowledged; only firing alerts can be acknowledged`,
      );

      const resolve = await request(app)
        .post(`/alerts/${payments}/resolve`)
        .send({ comment: 'rolled back' });
      expect(resolve.status).toBe(200);
      expect(resolve.body).toMatchObject({
        state: 'resolved',
        resolution: { by: 'user:default/mock', comment: 'rolled back' },
      });
      for (const action of ['acknowledge', 'resolve']) {
        const res = await request(app)
          .post(`/alerts/${payments}/${action}`)
          .send({});
        expect(res.status).toBe(409);
      }
      const escalate = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'slack' });
      expect(escalate.status).toBe(409);
      expect(slack.requests).toHaveLength(0);

      expect(
        (await request(app).post('/alerts/2147483647/resolve').send({})).status,
      ).toBe(404);
    });

    it('answers 400 for bad bodies', async () => {
      const { app, payments } = await withAlerts();
      const past = await request(app)
        .post(`/alerts/${payments}/acknowledge`)
        .send({ until: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(400);
      expect(past.body.error.message).toMatch(/until: must be in the future/);
      const badUntil = await request(app)
        .post(`/alerts/${payments}/acknowledge`)
        .send({ until: 'tomorrow' });
      expect(badUntil.body.error.message).toMatch(/^Invalid body: until/);
      const badTarget = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'email' });
      expect(badTarget.status).toBe(400);
      expect(badTarget.body.error.message).toMatch(/^Invalid body: target/);
      const extra = await request(app)
        .post(`/alerts/${payments}/resolve`)
        .send({ comment: 'x', state: 'firing' });
      expect(extra.status).toBe(400);
    });

    it('escalates to Slack and PagerDuty and records each outcome', async () => {
      const { app, payments } = await withAlerts();
      const toSlack = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'slack', note: 'customers affected' });
      expect(toSlack.status).toBe(201);
      expect(toSlack.body).toMatchObject({
        alertId: payments,
        target: 'slack',
        outcome: 'sent',
        error: null,
        note: 'customers affected',
        actor: 'user:default/mock',
      });
      expect(slack.requests).toHaveLength(1);
      const text = JSON.parse(slack.requests[0].body).text as string;
      expect(text).toContain('HighErrorRate on payments-api');
      expect(text).toContain('Note: customers affected');

      const toPd = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'pagerduty' });
      expect(toPd.status).toBe(201);
      expect(toPd.body).toMatchObject({ outcome: 'sent', error: null });
      const event = JSON.parse(pagerduty.requests[0].body);
      expect(event).toMatchObject({
        routing_key: ROUTING_KEY,
        event_action: 'trigger',
        dedup_key:
          'opshub-infra-health/aaaa000000000001/2026-12-02T10:00:00.123Z',
        payload: {
          source: 'payments-api',
          severity: 'critical',
          summary:
            '[critical] HighErrorRate on payments-api: payments-api answers 5% errors',
        },
      });

      const details = await request(app).get(`/alerts/${payments}`);
      expect(
        details.body.escalations.map(
          (e: { target: string; outcome: string }) => [e.target, e.outcome],
        ),
      ).toEqual([
        ['slack', 'sent'],
        ['pagerduty', 'sent'],
      ]);
      expect(details.body.state).toBe('firing');
    });

    it('records failed escalations with the error, keeps the alert and leaks no secret', async () => {
      const { app, payments } = await withAlerts({
        config: {
          slackWebhookUrl: `${slack.url}/services/T0001/B0001/revokedS3cret`,
          pagerduty: { routingKey: 'wrongKeyS3cret', baseUrl: pagerduty.url },
        },
      });
      const toSlack = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'slack' });
      expect(toSlack.status).toBe(201);
      expect(toSlack.body).toMatchObject({
        outcome: 'failed',
        error: 'Slack answered HTTP 404: no_service',
      });
      const toPd = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'pagerduty', note: 'night' });
      expect(toPd.body).toMatchObject({
        outcome: 'failed',
        error:
          "PagerDuty answered HTTP 400: Event object is invalid; 'routing_key' is invalid",
      });
      const details = await request(app).get(`/alerts/${payments}`);
      expect(details.body.state).toBe('firing');
      expect(details.body.escalations).toHaveLength(2);
      expect(JSON.stringify(details.body)).not.toMatch(/S3cret/);
    });

    it('records a network failure, and answers 400 for an unconfigured target', async () => {
      const closedPort = await new Promise<number>(resolve => {
        const server = net.createServer().listen(0, '127.0.0.1', () => {
          const { port } = server.address() as net.AddressInfo;
          server.close(() => resolve(port));
        });
      });
      const { app, payments } = await withAlerts({
        config: {
          slackWebhookUrl: `http://127.0.0.1:${closedPort}/services/closedS3cret`,
          pagerduty: undefined,
        },
      });
      const down = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'slack' });
      expect(down.status).toBe(201);
      expect(down.body.outcome).toBe('failed');
      expect(down.body.error).toMatch(/^Request failed: ECONNREFUSED/);
      expect(down.body.error).not.toMatch(/S3cret/);
      const pd = await request(app)
        .post(`/alerts/${payments}/escalate`)
        .send({ target: 'pagerduty' });
      expect(pd.status).toBe(400);
      expect(pd.body.error.message).toMatch(/PagerDuty is not configured/);
    });

    it('answers 403 when the policy denies', async () => {
      const { app, payments, count } = await withAlerts({
        result: AuthorizeResult.DENY,
      });
      const reads = ['/alerts', `/alerts/${payments}`];
      for (const path of reads) {
        const res = await request(app).get(path);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/infra-health\.check\.read/);
      }
      const writes: Array<[string, object, string]> = [
        ['acknowledge', {}, 'infra-health.alert.acknowledge'],
        ['escalate', { target: 'slack' }, 'infra-health.alert.escalate'],
        ['resolve', {}, 'infra-health.alert.resolve'],
      ];
      for (const [action, body, permission] of writes) {
        const res = await request(app)
          .post(`/alerts/${payments}/${action}`)
          .send(body);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain(permission);
      }
      expect(slack.requests).toHaveLength(0);
      // the webhook does not ask the policy: its token is its authorization
      expect(await count()).toBe(2);
    });
  });
});
