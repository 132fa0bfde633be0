import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { infraHealthLogSourceExtensionPoint } from '@opshub/plugin-infra-health-node';
import request from 'supertest';
import { infraHealthPlugin } from './plugin';

jest.setTimeout(60_000);

describe('infraHealthPlugin SLOs and logs', () => {
  it('serves config SLOs and the logs of a module-provided log source', async () => {
    const logModule = createBackendModule({
      pluginId: 'infra-health',
      moduleId: 'test-logs',
      register(reg) {
        reg.registerInit({
          deps: { logs: infraHealthLogSourceExtensionPoint },
          async init({ logs }) {
            logs.setLogSource({
              name: 'module',
              async recentLines(query) {
                return [
                  {
                    timestamp: query.since.toISOString(),
                    level: 'error',
                    message: `boom in ${query.service}`,
                  },
                ];
              },
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        infraHealthPlugin,
        logModule,
        mockServices.rootConfig.factory({
          data: {
            infraHealth: {
              slos: [
                {
                  name: 'payments checks',
                  service: 'payments-api',
                  objective: 99.5,
                  window: '7d',
                  source: 'checks',
                },
                {
                  name: 'payments requests',
                  service: 'payments-api',
                  objective: 99.9,
                  window: '30d',
                  source: 'prometheus',
                  good: 'http_requests_total{code!~"5.."}',
                  total: 'http_requests_total',
                },
              ],
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.user.header();

    const slos = await request(server)
      .get('/api/infra-health/slos?service=payments-api')
      .set('Authorization', auth);
    expect(slos.status).toBe(200);
    expect(
      slos.body.items.map((s: any) => [
        s.name,
        s.origin,
        s.error?.kind ?? null,
      ]),
    ).toEqual([
      ['payments checks', 'config', null],
      ['payments requests', 'config', 'not_configured'],
    ]);

    const logs = await request(server)
      .get(
        '/api/infra-health/logs?service=payments-api&since=2026-12-02T10:00:00Z',
      )
      .set('Authorization', auth);
    expect(logs.status).toBe(200);
    expect(logs.body).toEqual({
      configured: true,
      source: 'module',
      lines: [
        {
          timestamp: '2026-12-02T10:00:00.000Z',
          level: 'error',
          message: 'boom in payments-api',
        },
      ],
      error: null,
    });

    const unauthenticated = await request(server)
      .get('/api/infra-health/slos')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);
  });

  it('fails at startup on an invalid SLO in config', async () => {
    await expect(
      startTestBackend({
        features: [
          infraHealthPlugin,
          mockServices.rootConfig.factory({
            data: {
              infraHealth: {
                slos: [
                  {
                    name: 'x',
                    service: 'y',
                    objective: 99.9,
                    window: '30d',
                    source: 'prometheus',
                  },
                ],
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      /Invalid config at infraHealth\.slos\[0\]: good: is required for a prometheus SLO; total: is required/,
    );
  });
});
