import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { HealthAlert } from '@opshub/plugin-infra-health-common';
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import request from 'supertest';
import { infraHealthPlugin } from '../plugin';

/*
 * The real Alertmanager (Debian's prometheus-alertmanager 0.25) on loopback,
 * with a webhook receiver pointing at this plugin in a test backend. Alerts
 * are posted to Alertmanager's /api/v2/alerts, as Prometheus would.
 */

const ALERTMANAGER =
  process.env.ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';
const available = fs.existsSync(ALERTMANAGER);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `SKIPPED: the Alertmanager integration test needs ${ALERTMANAGER} (apt-get install prometheus-alertmanager)`,
  );
}
const describeIfAlertmanager = available ? describe : describe.skip;

jest.setTimeout(60_000);

const TOKEN = 'integration-webhook-token';

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `fn` until it returns a value, or fails with `what` at the deadline. */
async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${
      last ? `: ${last}` : ''
    }`,
  );
}

describeIfAlertmanager('the real Alertmanager webhook', () => {
  let dir: string;
  let alertmanager: ChildProcess | undefined;
  let amUrl: string;
  let output = '';

  afterAll(async () => {
    if (alertmanager && alertmanager.exitCode === null) {
      const exited = new Promise(resolve =>
        alertmanager!.once('exit', resolve),
      );
      alertmanager.kill('SIGTERM');
      await exited;
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('receives an alert once, ignores repeats as new rows, and resolves it', async () => {
    const { server } = await startTestBackend({
      features: [
        infraHealthPlugin,
        mockServices.rootConfig.factory({
          data: { infraHealth: { alertmanager: { token: TOKEN } } },
        }),
      ],
    });
    const backendPort = (server.address() as net.AddressInfo).port;

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-alertmanager-'));
    const amPort = await freePort();
    amUrl = `http://127.0.0.1:${amPort}`;
    fs.writeFileSync(
      path.join(dir, 'alertmanager.yml'),
      [
        'route:',
        '  receiver: opshub',
        "  group_by: ['alertname']",
        '  group_wait: 1s',
        '  group_interval: 1s',
        '  repeat_interval: 3s',
        'receivers:',
        '  - name: opshub',
        '    webhook_configs:',
        `      - url: http://127.0.0.1:${backendPort}/api/infra-health/alerts/alertmanager`,
        '        send_resolved: true',
        '        http_config:',
        '          authorization:',
        '            type: Bearer',
        `            credentials: ${TOKEN}`,
        '',
      ].join('\n'),
    );
    alertmanager = spawn(
      ALERTMANAGER,
      [
        `--config.file=${path.join(dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
        `--web.external-url=${amUrl}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    alertmanager.stdout!.on('data', d => (output += d));
    alertmanager.stderr!.on('data', d => (output += d));
    await waitFor(
      `Alertmanager to be ready (output: ${output.slice(-500)})`,
      async () => {
        if (alertmanager!.exitCode !== null) {
          throw new Error(`Alertmanager exited: ${output.slice(-1000)}`);
        }
        const res = await fetch(`${amUrl}/-/ready`);
        return res.ok ? true : undefined;
      },
      10_000,
    );

    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const alert = {
      labels: {
        alertname: 'OpsHubIntegrationHighErrorRate',
        service: 'payments-api',
        severity: 'critical',
      },
      annotations: {
        summary: 'payments-api answers 5% errors',
        runbook_url: 'https://runbooks.example.com/high-error-rate',
      },
      startsAt,
      generatorURL: 'http://127.0.0.1:9090/graph?g0.expr=up',
    };
    const postToAlertmanager = async (body: unknown) => {
      const res = await fetch(`${amUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
    };
    const list = async () => {
      const res = await request(server)
        .get('/api/infra-health/alerts')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body as { items: HealthAlert[]; totalCount: number };
    };

    await postToAlertmanager([alert]);
    const first = await waitFor(
      'the alert to reach the backend',
      async () => {
        const page = await list();
        return page.totalCount > 0 ? page : undefined;
      },
      15_000,
    );
    expect(first.totalCount).toBe(1);
    expect(first.items[0]).toMatchObject({
      alertname: 'OpsHubIntegrationHighErrorRate',
      service: 'payments-api',
      severity: 'critical',
      state: 'firing',
      startsAt: new Date(startsAt).toISOString(),
      runbookUrl: 'https://runbooks.example.com/high-error-rate',
      generatorUrl: 'http://127.0.0.1:9090/graph?g0.expr=up',
    });
    expect(first.items[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);

    // the repeat after repeat_interval arrives (lastReceivedAt moves) and
    // adds no row
    const repeated = await waitFor(
      'a repeated notification',
      async () => {
        const page = await list();
        return page.items[0].lastReceivedAt !== first.items[0].lastReceivedAt
          ? page
          : undefined;
      },
      20_000,
    );
    expect(repeated.totalCount).toBe(1);
    expect(repeated.items[0].id).toBe(first.items[0].id);

    // resolving in Alertmanager resolves it here
    await postToAlertmanager([{ ...alert, endsAt: new Date().toISOString() }]);
    const resolved = await waitFor(
      'the resolved notification',
      async () => {
        const page = await list();
        return page.items[0].state === 'resolved' ? page : undefined;
      },
      15_000,
    );
    expect(resolved.totalCount).toBe(1);
    expect(resolved.items[0]).toMatchObject({
      id: first.items[0].id,
      resolution: { by: 'alertmanager' },
    });
    expect(resolved.items[0].endsAt).not.toBeNull();
  });
});
