import { mockServices } from '@backstage/backend-test-utils';
import {
  LogQuery,
  OpenSearchLogSource,
} from '@opshub/plugin-infra-health-node';
import http from 'http';
import { AddressInfo } from 'net';
import { LogService } from './LogService';

const NOW = new Date('2026-12-02T12:00:00.000Z');

describe('LogService', () => {
  it('reads error and warning lines of the last hour by default', async () => {
    const queries: LogQuery[] = [];
    const service = new LogService({
      source: {
        name: 'memory',
        async recentLines(query) {
          queries.push(query);
          return [
            { timestamp: '2026-12-02T11:59:00Z', level: 'error', message: 'a' },
            {
              timestamp: '2026-12-02T11:58:00Z',
              level: 'warning',
              message: 'b',
            },
          ];
        },
      },
      logger: mockServices.logger.mock(),
      now: () => NOW,
    });
    const logs = await service.recentLines({
      service: 'payments-api',
      limit: 1,
    });
    expect(queries).toEqual([
      {
        service: 'payments-api',
        levels: ['error', 'warning'],
        since: new Date('2026-12-02T11:00:00.000Z'),
        limit: 1,
      },
    ]);
    // a source that returns more than asked is cut to the limit
    expect(logs).toEqual({
      configured: true,
      source: 'memory',
      lines: [
        { timestamp: '2026-12-02T11:59:00Z', level: 'error', message: 'a' },
      ],
      error: null,
    });
  });

  it('turns a failing OpenSearch into an error state', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { type: 'cluster_block_exception', reason: 'blocked' },
          status: 503,
        }),
      );
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const logger = mockServices.logger.mock();
      const service = new LogService({
        source: new OpenSearchLogSource({
          baseUrl: `http://127.0.0.1:${port}`,
          index: 'logs',
          password: 'never-logged',
          username: 'u',
        }),
        logger,
      });
      const logs = await service.recentLines({ service: 'x', limit: 5 });
      expect(logs).toEqual({
        configured: true,
        source: 'opensearch',
        lines: [],
        error: 'OpenSearch answered HTTP 503: cluster_block_exception: blocked',
      });
      expect(JSON.stringify(logger.warn.mock.calls)).not.toMatch(
        /never-logged/,
      );
    } finally {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    }
  });
});
