import http from 'http';
import { AddressInfo } from 'net';
import { probeHttp } from './probeHttp';

jest.setTimeout(60_000);

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A real HTTP server on 127.0.0.1, port 0. */
async function startServer(handler: Handler) {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('probeHttp', () => {
  const servers: Array<{ close: () => Promise<void> }> = [];
  const serve = async (handler: Handler) => {
    const server = await startServer(handler);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });

  it('is up on a 200 within the threshold, with the method and headers given', async () => {
    const requests: Array<{ method?: string; url?: string; h?: string }> = [];
    const server = await serve((req, res) => {
      requests.push({
        method: req.method,
        url: req.url,
        h: req.headers['x-probe'] as string | undefined,
      });
      res.writeHead(200);
      res.end('ok');
    });
    const result = await probeHttp(`${server.url}/healthz`, {
      method: 'HEAD',
      headers: { 'x-probe': 'opshub' },
      degradedLatencyMs: 1000,
    });
    expect(result).toEqual({
      state: 'up',
      latencyMs: expect.any(Number),
      httpStatus: 200,
      error: null,
    });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(requests).toEqual([
      { method: 'HEAD', url: '/healthz', h: 'opshub' },
    ]);
  });

  it('is degraded when the answer is slower than degradedLatencyMs', async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => res.end('late'), 250);
    });
    const result = await probeHttp(server.url, { degradedLatencyMs: 100 });
    expect(result).toMatchObject({
      state: 'degraded',
      httpStatus: 200,
      error: null,
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(200);
  });

  describe('a 3xx redirect', () => {
    const redirecting = () => {
      const paths: string[] = [];
      return {
        paths,
        handler: ((req, res) => {
          paths.push(req.url ?? '');
          if (req.url === '/old') {
            res.writeHead(302, { Location: '/login' });
          } else {
            res.writeHead(req.url === '/login' ? 200 : 404);
          }
          res.end();
        }) as Handler,
      };
    };

    it('is not followed by default: the 3xx is the answer', async () => {
      const { paths, handler } = redirecting();
      const server = await serve(handler);
      expect(await probeHttp(`${server.url}/old`)).toMatchObject({
        state: 'up',
        httpStatus: 302,
      });
      expect(
        await probeHttp(`${server.url}/old`, { expectedStatus: 200 }),
      ).toMatchObject({
        state: 'down',
        httpStatus: 302,
        error: 'Expected HTTP 200, got 302',
      });
      expect(paths).toEqual(['/old', '/old']);
    });

    it('is followed with followRedirects, judging the final status', async () => {
      const { paths, handler } = redirecting();
      const server = await serve(handler);
      expect(
        await probeHttp(`${server.url}/old`, {
          followRedirects: true,
          expectedStatus: 200,
        }),
      ).toMatchObject({ state: 'up', httpStatus: 200 });
      expect(paths).toEqual(['/old', '/login']);
    });
  });

  it('is down on a 500, and on any status but the expected one', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === '/missing' ? 404 : 500);
      res.end('boom');
    });
    expect(await probeHttp(server.url)).toEqual({
      state: 'down',
      latencyMs: expect.any(Number),
      httpStatus: 500,
      error: 'Expected HTTP 2xx or 3xx, got 500',
    });
    expect(await probeHttp(`${server.url}/missing`)).toMatchObject({
      state: 'down',
      httpStatus: 404,
    });
    expect(
      await probeHttp(`${server.url}/missing`, { expectedStatus: 404 }),
    ).toMatchObject({ state: 'up', httpStatus: 404 });
  });

  it('is down when no answer arrives within timeoutMs', async () => {
    const server = await serve(() => {
      // never answers
    });
    const started = Date.now();
    const result = await probeHttp(server.url, { timeoutMs: 200 });
    expect(result).toEqual({
      state: 'down',
      latencyMs: expect.any(Number),
      httpStatus: null,
      error: 'Timed out after 200 ms',
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('is down when the connection is refused', async () => {
    const server = await startServer((_req, res) => res.end());
    await server.close();
    const result = await probeHttp(`${server.url}/healthz`);
    expect(result).toMatchObject({ state: 'down', httpStatus: null });
    expect(result.error).toMatch(/^Request failed: ECONNREFUSED/);
  });

  it('is down, without throwing, on an invalid URL', async () => {
    const result = await probeHttp('not a url');
    expect(result).toMatchObject({ state: 'down', httpStatus: null });
    expect(result.error).not.toContain('not a url');
  });

  it('sends URL credentials as basic auth and never reports them', async () => {
    const authorizations: Array<string | undefined> = [];
    const server = await serve((req, res) => {
      authorizations.push(req.headers.authorization);
      res.end();
    });
    const withCredentials = server.url.replace(
      'http://',
      'http://probe:s3cr%40t@',
    );
    expect(await probeHttp(withCredentials)).toMatchObject({ state: 'up' });
    expect(authorizations).toEqual([
      `Basic ${Buffer.from('probe:s3cr@t').toString('base64')}`,
    ]);

    await server.close();
    const down = await probeHttp(`${withCredentials}/x?token=abc`);
    expect(down.state).toBe('down');
    expect(down.error).not.toMatch(/s3cr|probe:|token=abc/);
  });

  it('judges a status set and the body with checkBody', async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === '/204' ? 204 : 200);
      res.end(req.url === '/204' ? undefined : 'service ok');
    });
    const expectedStatuses = [
      [200, 200],
      [204, 204],
    ] as const;
    expect(
      (await probeHttp(`${server.url}/204`, { expectedStatuses })).state,
    ).toBe('up');
    const seen: string[] = [];
    const wrong = await probeHttp(`${server.url}/`, {
      expectedStatuses: [[204, 204]],
      checkBody: body => {
        seen.push(body);
        return null;
      },
    });
    expect(wrong).toMatchObject({
      state: 'down',
      error: 'Expected HTTP 204, got 200',
    });
    // the body is only read for an expected status
    expect(seen).toEqual([]);
    const body = await probeHttp(`${server.url}/`, {
      checkBody: text => (text.includes('ok') ? null : 'no ok'),
    });
    expect(body.state).toBe('up');
    const bad = await probeHttp(`${server.url}/`, {
      checkBody: () => 'The body lacks the token value-1234',
      headers: { 'X-Token': 'value-1234' },
    });
    expect(bad).toMatchObject({ state: 'down', httpStatus: 200 });
    // header values never appear in an error
    expect(bad.error).toBe('The body lacks the token ***');
  });
});
