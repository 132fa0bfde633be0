import { ConfigReader } from '@backstage/config';
import http from 'http';
import { AddressInfo } from 'net';
import {
  createOpenSearchLogSource,
  normalizeLevel,
  OpenSearchLogSource,
} from './OpenSearchLogSource';

/**
 * A small stand-in for OpenSearch's `_search` endpoint: it records each
 * request and answers the documented response shape
 * (https://opensearch.org/docs/latest/api-reference/search/), or a documented
 * error body.
 */
function fakeOpenSearch() {
  const requests: Array<{
    method?: string;
    url?: string;
    headers: http.IncomingHttpHeaders;
    body: any;
  }> = [];
  let answer: { status: number; body: unknown; delayMs?: number } = {
    status: 200,
    body: {},
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: raw ? JSON.parse(raw) : undefined,
      });
      setTimeout(() => {
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  return {
    requests,
    answer: (next: typeof answer) => {
      answer = next;
    },
    async start() {
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

const searchResponse = {
  took: 5,
  timed_out: false,
  _shards: { total: 1, successful: 1, skipped: 0, failed: 0 },
  hits: {
    total: { value: 2, relation: 'eq' },
    max_score: null,
    hits: [
      {
        _index: 'logs-2026.12.02',
        _id: 'b',
        _score: null,
        _source: {
          '@timestamp': '2026-12-02T10:05:00.000Z',
          log: { level: 'ERROR' },
          message: 'payment provider timed out',
          service: { name: 'payments-api' },
          host: { name: 'payments-7f9c' },
        },
        sort: [1796205900000],
      },
      {
        _index: 'logs-2026.12.02',
        _id: 'a',
        _score: null,
        _source: {
          '@timestamp': '2026-12-02T10:01:00.000Z',
          'log.level': 'warn',
          message: 'retrying',
          'service.name': 'payments-api',
        },
        sort: [1796205660000],
      },
    ],
  },
};

describe('OpenSearchLogSource', () => {
  const server = fakeOpenSearch();
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('sends the documented _search request and parses the hits', async () => {
    server.answer({ status: 200, body: searchResponse });
    const source = new OpenSearchLogSource({
      baseUrl: `${baseUrl}/`,
      index: 'logs-*',
      username: 'reader',
      password: 's3cret',
    });
    const lines = await source.recentLines({
      service: 'payments-api',
      levels: ['error', 'warning'],
      since: new Date('2026-12-02T09:00:00.000Z'),
      limit: 50,
    });

    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/logs-*/_search');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe(
      `Basic ${Buffer.from('reader:s3cret').toString('base64')}`,
    );
    expect(req.body).toEqual({
      size: 50,
      sort: [{ '@timestamp': { order: 'desc' } }],
      query: {
        bool: {
          filter: [
            { term: { 'service.name': 'payments-api' } },
            { range: { '@timestamp': { gte: '2026-12-02T09:00:00.000Z' } } },
            {
              terms: {
                'log.level': expect.arrayContaining([
                  'error',
                  'ERROR',
                  'warn',
                  'WARNING',
                ]),
              },
            },
          ],
        },
      },
    });
    expect(lines).toEqual([
      {
        timestamp: '2026-12-02T10:05:00.000Z',
        level: 'error',
        message: 'payment provider timed out',
        source: 'payments-7f9c',
      },
      {
        timestamp: '2026-12-02T10:01:00.000Z',
        level: 'warning',
        message: 'retrying',
      },
    ]);
  });

  it('reads the configured field names and sends an API key', async () => {
    server.answer({
      status: 200,
      body: {
        hits: {
          hits: [
            {
              _source: {
                ts: '2026-12-02T10:00:00Z',
                severity: 'fatal',
                msg: 'out of memory',
                app: 'ledger-worker',
                pod: 'ledger-0',
              },
            },
          ],
        },
      },
    });
    const source = createOpenSearchLogSource(
      new ConfigReader({
        infraHealth: {
          logs: {
            opensearch: {
              baseUrl,
              index: 'app-logs',
              apiKey: 'a2V5OnNlY3JldA==',
              fields: {
                timestamp: 'ts',
                level: 'severity',
                message: 'msg',
                service: 'app',
                source: 'pod',
              },
            },
          },
        },
      }),
    )!;
    const lines = await source.recentLines({
      service: 'ledger-worker',
      since: new Date('2026-12-02T09:00:00Z'),
      limit: 10,
    });
    const [req] = server.requests;
    expect(req.url).toBe('/app-logs/_search');
    expect(req.headers.authorization).toBe('ApiKey a2V5OnNlY3JldA==');
    expect(req.body.sort).toEqual([{ ts: { order: 'desc' } }]);
    // no levels asked: no terms filter
    expect(req.body.query.bool.filter).toEqual([
      { term: { app: 'ledger-worker' } },
      { range: { ts: { gte: '2026-12-02T09:00:00.000Z' } } },
    ]);
    expect(lines).toEqual([
      {
        timestamp: '2026-12-02T10:00:00Z',
        level: 'error',
        message: 'out of memory',
        source: 'ledger-0',
      },
    ]);
  });

  it('throws the documented error of a failed search', async () => {
    server.answer({
      status: 404,
      body: {
        error: {
          root_cause: [
            {
              type: 'index_not_found_exception',
              reason: 'no such index [nope]',
            },
          ],
          type: 'index_not_found_exception',
          reason: 'no such index [nope]',
        },
        status: 404,
      },
    });
    const source = new OpenSearchLogSource({ baseUrl, index: 'nope' });
    await expect(
      source.recentLines({ service: 'x', since: new Date(), limit: 1 }),
    ).rejects.toThrow(
      'OpenSearch answered HTTP 404: index_not_found_exception: no such index [nope]',
    );
  });

  it('times out and reports an unreachable server', async () => {
    server.answer({ status: 200, body: searchResponse, delayMs: 500 });
    const slow = new OpenSearchLogSource({
      baseUrl,
      index: 'logs',
      timeoutMs: 50,
    });
    await expect(
      slow.recentLines({ service: 'x', since: new Date(), limit: 1 }),
    ).rejects.toThrow('OpenSearch did not answer within 50 ms');

    // a port that was free a moment ago: nothing listens on it
    const probe = http.createServer();
    await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise(resolve => probe.close(resolve));
    const closed = new OpenSearchLogSource({
      baseUrl: `http://127.0.0.1:${port}`,
      index: 'logs',
    });
    await expect(
      closed.recentLines({ service: 'x', since: new Date(), limit: 1 }),
    ).rejects.toThrow('OpenSearch is unreachable: ECONNREFUSED');
  });

  it('is not created without config, and rejects a bad URL', () => {
    expect(createOpenSearchLogSource(new ConfigReader({}))).toBeUndefined();
    expect(() =>
      createOpenSearchLogSource(
        new ConfigReader({
          infraHealth: {
            logs: { opensearch: { baseUrl: 'ftp://x', index: 'logs' } },
          },
        }),
      ),
    ).toThrow(/infraHealth\.logs\.opensearch\.baseUrl/);
  });

  it('normalizes level spellings', () => {
    expect(
      [
        'ERROR',
        'err',
        'Fatal',
        'CRITICAL',
        'warn',
        'Warning',
        'INFO',
        'trace',
        'x',
        undefined,
      ].map(normalizeLevel),
    ).toEqual([
      'error',
      'error',
      'error',
      'error',
      'warning',
      'warning',
      'info',
      'debug',
      'unknown',
      'unknown',
    ]);
  });
});
