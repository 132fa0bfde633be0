import http from 'http';
import { AddressInfo } from 'net';
import { Prober, ProbeTarget } from './Prober';

jest.setTimeout(60_000);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 with a free port. */
async function startServer(handler: Handler) {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const target = (url: string, overrides: Partial<ProbeTarget> = {}) => ({
  url,
  method: 'GET',
  expectedStatus: 200,
  timeoutMs: 2000,
  degradedLatencyMs: 1000,
  ...overrides,
});

describe('Prober', () => {
  const prober = new Prober();
  const servers: Array<{ close: () => Promise<void> }> = [];
  const serve = async (handler: Handler) => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  it('records up for the expected status within the threshold', async () => {
    const requests: Array<{ method?: string; url?: string }> = [];
    const server = await serve((req, res) => {
      requests.push({ method: req.method, url: req.url });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    const result = await prober.probe(target(`${server.url}/healthz`));
    expect(result).toEqual({
      status: 'up',
      latencyMs: expect.any(Number),
      httpStatus: 200,
      error: null,
      detail: null,
    });
    expect(result.latencyMs).toBeLessThan(1000);
    expect(requests).toEqual([{ method: 'GET', url: '/healthz' }]);
  });

  it('uses the method and expected status of the check', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.method === 'HEAD' ? 204 : 405);
      res.end();
    });
    const result = await prober.probe(
      target(server.url, { method: 'HEAD', expectedStatus: 204 }),
    );
    expect(result).toMatchObject({ status: 'up', httpStatus: 204 });
  });

  it('records degraded when the response is slower than the threshold', async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => {
        res.writeHead(200);
        res.end('ok');
      }, 250);
    });
    const result = await prober.probe(
      target(server.url, { degradedLatencyMs: 100 }),
    );
    expect(result).toMatchObject({
      status: 'degraded',
      httpStatus: 200,
      error: null,
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(200);
  });

  it('records down for an unexpected status', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    expect(await prober.probe(target(server.url))).toEqual({
      status: 'down',
      latencyMs: expect.any(Number),
      httpStatus: 500,
      error: 'Expected HTTP 200, got 500',
      detail: null,
    });
  });

  it('does not follow redirects: a 3xx is judged against the expected status', async () => {
    const paths: Array<string | undefined> = [];
    const server = await serve((req, res) => {
      paths.push(req.url);
      res.writeHead(req.url === '/old' ? 301 : 200, { Location: '/new' });
      res.end();
    });
    expect(await prober.probe(target(`${server.url}/old`))).toMatchObject({
      status: 'down',
      httpStatus: 301,
      error: 'Expected HTTP 200, got 301',
    });
    expect(
      await prober.probe(target(`${server.url}/old`, { expectedStatus: 301 })),
    ).toMatchObject({ status: 'up', httpStatus: 301 });
    expect(paths).toEqual(['/old', '/old']);
  });

  it('records down when nothing listens on the port', async () => {
    const server = await startServer((_req, res) => res.end());
    await server.close();
    const result = await prober.probe(target(`${server.url}/healthz`));
    expect(result).toMatchObject({ status: 'down', httpStatus: null });
    expect(result.error).toMatch(/^Request failed: ECONNREFUSED/);
  });

  it('records down when the response does not arrive in time', async () => {
    const server = await serve(() => {
      // never answers
    });
    const started = Date.now();
    const result = await prober.probe(target(server.url, { timeoutMs: 200 }));
    expect(result).toEqual({
      status: 'down',
      latencyMs: expect.any(Number),
      httpStatus: null,
      error: 'Timed out after 200 ms',
      detail: null,
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('sends URL credentials as basic auth and never reports them', async () => {
    const authorizations: Array<string | undefined> = [];
    const server = await serve((req, res) => {
      authorizations.push(req.headers.authorization);
      res.writeHead(200);
      res.end();
    });
    const withCredentials = server.url.replace(
      'http://',
      'http://probe:s3cr%40t@',
    );
    expect(await prober.probe(target(withCredentials))).toMatchObject({
      status: 'up',
    });
    expect(authorizations).toEqual([
      `Basic ${Buffer.from('probe:s3cr@t').toString('base64')}`,
    ]);

    await server.close();
    const down = await prober.probe(target(`${withCredentials}/x?token=abc`));
    expect(down.status).toBe('down');
    expect(down.error).not.toMatch(/s3cr|probe:|token=abc/);
  });
});
