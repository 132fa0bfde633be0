/*
 * The OpsHub metrics end to end, with the parts production uses: the
 * OpenTelemetry Node SDK with the Prometheus exporter (as
 * src/instrumentation.js sets them up), the infra-health plugin probing its
 * configured checks, and a real Prometheus (Debian's /usr/bin/prometheus)
 * scraping the exporter. It lives here, not in infra-health-backend, because
 * this package is the one that declares @opentelemetry/sdk-node and
 * @opentelemetry/exporter-prometheus.
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { createOpsHubMetrics } from '@opshub/opshub-node';
import infraHealthPlugin from '@opshub/plugin-infra-health-backend';
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import http from 'http';
import net from 'net';
import os from 'os';
import path from 'path';

jest.setTimeout(120_000);

const PROMETHEUS = '/usr/bin/prometheus';
const available = fs.existsSync(PROMETHEUS);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `metrics.prometheus.test: ${PROMETHEUS} is not installed (apt-get install prometheus); the scrape test is skipped`,
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `fn` until it returns a value, or fails with the last reason. */
async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms (${String(last)})`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** A Prometheus on loopback that scrapes `target` every second. */
async function startScrapingPrometheus(target: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-prom-'));
  fs.writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: opshub-backend',
      '    scrape_interval: 1s',
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await eventually(
      'prometheus ready',
      async () => {
        if (child.exitCode !== null) {
          throw new Error(`prometheus exited: ${stderr}`);
        }
        const res = await fetch(`${baseUrl}/-/ready`);
        return res.ok ? true : undefined;
      },
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    stop,
    async query(promql: string) {
      const res = await fetch(
        `${baseUrl}/api/v1/query?query=${encodeURIComponent(promql)}`,
      );
      const body = await res.json();
      if (body.status !== 'success') throw new Error(JSON.stringify(body));
      return body.data.result as Array<{
        metric: Record<string, string>;
        value: [number, string];
      }>;
    },
  };
}

const describeWithPrometheus = available ? describe : describe.skip;

describeWithPrometheus('OpsHub metrics scraped by Prometheus', () => {
  let sdk: NodeSDK;
  let exporterPort: number;
  let target: http.Server;
  let targetUrl: string;
  let prometheus: Awaited<ReturnType<typeof startScrapingPrometheus>>;

  beforeAll(async () => {
    exporterPort = await freePort();
    const exporter = await new Promise<PrometheusExporter>(
      (resolve, reject) => {
        const created: PrometheusExporter = new PrometheusExporter(
          { host: '127.0.0.1', port: exporterPort },
          error => (error ? reject(error) : resolve(created)),
        );
      },
    );
    sdk = new NodeSDK({
      serviceName: 'opshub-backend-test',
      autoDetectResources: false,
      metricReaders: [exporter],
      spanProcessors: [],
      logRecordProcessors: [],
    });
    sdk.start();

    // the services the checks probe: /ok answers 200, /broken 500
    target = http.createServer((req, res) => {
      res.statusCode = req.url === '/ok' ? 200 : 500;
      res.end();
    });
    await new Promise<void>(resolve =>
      target.listen(0, '127.0.0.1', () => resolve()),
    );
    targetUrl = `http://127.0.0.1:${
      (target.address() as net.AddressInfo).port
    }`;
    prometheus = await startScrapingPrometheus(`127.0.0.1:${exporterPort}`);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await sdk?.shutdown();
    target?.closeAllConnections();
    await new Promise(resolve => target?.close(resolve));
  });

  it('counts the check runs of infra-health by kind and status', async () => {
    const backend = await startTestBackend({
      features: [
        infraHealthPlugin,
        mockServices.rootConfig.factory({
          data: {
            infraHealth: {
              checks: [
                { name: 'a', service: 'payments-api', url: `${targetUrl}/ok` },
                { name: 'b', service: 'orders-api', url: `${targetUrl}/ok` },
                {
                  name: 'c',
                  service: 'orders-api',
                  url: `${targetUrl}/broken`,
                },
              ],
            },
          },
        }),
      ],
    });
    try {
      // the test scheduler runs the probe task once at startup: one run of
      // each check, two up and one down; Prometheus scrapes every second
      const runs = await eventually('check runs in Prometheus', async () => {
        const result = await prometheus.query(
          'sum by (kind, status) (opshub_infra_health_check_runs_total{job="opshub-backend"})',
        );
        const byStatus = Object.fromEntries(
          result.map(r => [`${r.metric.kind}/${r.metric.status}`, r.value[1]]),
        );
        if (byStatus['http/up'] === '2' && byStatus['http/down'] === '1') {
          return byStatus;
        }
        throw new Error(`Prometheus has ${JSON.stringify(byStatus)}`);
      });
      expect(runs).toEqual({ 'http/up': '2', 'http/down': '1' });

      const latency = await prometheus.query(
        'sum by (kind) (opshub_infra_health_check_latency_ms_count{job="opshub-backend"})',
      );
      expect(latency).toEqual([
        { metric: { kind: 'http' }, value: [expect.any(Number), '3'] },
      ]);
      const slow = await prometheus.query(
        'sum(opshub_infra_health_check_latency_ms_bucket{job="opshub-backend",le="+Inf"})',
      );
      expect(slow[0].value[1]).toBe('3');
    } finally {
      await backend.stop();
    }
  });

  it('serves helper metrics with their attributes, never free text', async () => {
    const metrics = createOpsHubMetrics('deployment-rollback');
    const deliveries = metrics.counter('test.deliveries', {
      description: 'test deliveries',
      unit: '{delivery}',
      attributes: { provider: ['github'], outcome: ['accepted'] },
    });
    deliveries.add({ provider: 'github', outcome: 'accepted' }, 2);
    deliveries.add({
      provider: 'secret-token-from-a-header' as 'github',
      outcome: 'accepted',
    });
    const text = await (
      await fetch(`http://127.0.0.1:${exporterPort}/metrics`)
    ).text();
    expect(text).toContain(
      'opshub_deployment_rollback_test_deliveries_total{provider="github",outcome="accepted",otel_scope_name="opshub.deployment-rollback"} 2',
    );
    expect(text).toContain(
      'opshub_deployment_rollback_test_deliveries_total{provider="other",outcome="accepted",otel_scope_name="opshub.deployment-rollback"} 1',
    );
    expect(text).not.toContain('secret-token');

    const scraped = await eventually(
      'helper counter in Prometheus',
      async () => {
        const result = await prometheus.query(
          'opshub_deployment_rollback_test_deliveries_total{provider="github"}',
        );
        return result.length ? result : undefined;
      },
    );
    expect(scraped[0].value[1]).toBe('2');
  });
});
