import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import http from 'http';
import { AddressInfo } from 'net';
import request from 'supertest';
import { infraHealthPlugin } from './plugin';

jest.setTimeout(60_000);

describe('infraHealthPlugin', () => {
  let target: http.Server;
  let targetUrl: string;

  beforeAll(async () => {
    target = http.createServer((_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    await new Promise<void>(resolve => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    target.closeAllConnections();
    await new Promise(resolve => target.close(resolve));
  });

  it('syncs the configured checks, probes them and serves their status', async () => {
    const { server } = await startTestBackend({
      features: [
        infraHealthPlugin,
        mockServices.rootConfig.factory({
          data: {
            infraHealth: {
              checks: [
                {
                  name: 'payments-prod',
                  service: 'payments-api',
                  url: `${targetUrl.replace(
                    'http://',
                    'http://probe:hunter2@',
                  )}/healthz`,
                  degradedLatencyMs: 5000,
                },
              ],
            },
          },
        }),
      ],
    });

    const health = await request(server).get('/api/infra-health/health');
    expect(health.status).toBe(200);

    const unauthenticated = await request(server)
      .get('/api/infra-health/checks')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);

    // the test scheduler runs the probe task once at startup; the task
    // claims the due check and probes it in the background
    const listChecks = () =>
      request(server)
        .get('/api/infra-health/checks?service=payments-api')
        .set('Authorization', mockCredentials.user.header());
    let list = await listChecks();
    for (let i = 0; i < 100 && !list.body.items?.[0]?.latestSample; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      list = await listChecks();
    }
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      name: 'payments-prod',
      service: 'payments-api',
      url: `${targetUrl}/healthz`,
      method: 'GET',
      expectedStatus: 200,
      intervalSeconds: 30,
      timeoutMs: 5000,
      degradedLatencyMs: 5000,
      kind: 'http',
      source: 'config',
      status: 'healthy',
      uptimePercent24h: 100,
      latestSample: { status: 'up', httpStatus: 200, error: null },
    });
    expect(JSON.stringify(list.body)).not.toMatch(/hunter2/);

    const samples = await request(server)
      .get(`/api/infra-health/checks/${list.body.items[0].id}/samples`)
      .set('Authorization', mockCredentials.user.header());
    expect(samples.status).toBe(200);
    expect(samples.body.totalCount).toBe(1);
  });
});
