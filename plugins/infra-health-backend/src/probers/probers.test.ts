import { execFileSync } from 'child_process';
import fs from 'fs';
import http from 'http';
import https from 'https';
import net, { AddressInfo } from 'net';
import os from 'os';
import path from 'path';
import { HttpProber } from './HttpProber';
import { lookupJsonPath, parseJsonPath } from './jsonPath';
import { PostgresProber } from './PostgresProber';
import { parseStatusSet } from './statusSet';
import { TcpProber } from './TcpProber';
import { TlsProber } from './TlsProber';

jest.setTimeout(60_000);

const base = {
  method: 'GET',
  expectedStatus: 200,
  timeoutMs: 2000,
  degradedLatencyMs: 1000,
};

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map(close => close()));
});

async function listen(server: net.Server): Promise<number> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>(resolve => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describe('HttpProber', () => {
  const prober = new HttpProber();
  let url: string;
  const seenHeaders: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    const server = http.createServer((req, res) => {
      seenHeaders.push(req.headers);
      if (req.url === '/json') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            status: 'ok',
            checks: [{ ok: true }, { ok: false }],
          }),
        );
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('ok'), 300);
      } else if (req.url === '/204') {
        res.writeHead(204);
        res.end();
      } else if (req.url === '/private') {
        res.writeHead(
          req.headers.authorization === 'Bearer t0ken-value' ? 200 : 401,
        );
        res.end('hello world');
      } else {
        res.writeHead(503);
        res.end('down');
      }
    });
    url = `http://127.0.0.1:${await listen(server)}`;
  });

  it('sends the method and headers, and never shows header values', async () => {
    const ok = await prober.probe({
      ...base,
      method: 'HEAD',
      url: `${url}/private`,
      headers: { Authorization: 'Bearer t0ken-value' },
    });
    expect(ok.status).toBe('up');
    expect(seenHeaders.at(-1)?.authorization).toBe('Bearer t0ken-value');
    const denied = await prober.probe({
      ...base,
      url: `${url}/private`,
      headers: { Authorization: 'Bearer wrong-value' },
    });
    expect(denied).toMatchObject({ status: 'down', httpStatus: 401 });
    expect(JSON.stringify(denied)).not.toMatch(/wrong-value/);
  });

  it('judges an expected status set', async () => {
    const settings = { expectedStatuses: ['200', '204'] };
    expect(
      (await prober.probe({ ...base, url: `${url}/204`, settings })).status,
    ).toBe('up');
    const down = await prober.probe({ ...base, url: `${url}/down`, settings });
    expect(down).toMatchObject({
      status: 'down',
      httpStatus: 503,
      error: 'Expected HTTP 200, 204, got 503',
    });
  });

  it('is down for a wrong body: missing text or a JSON path with another value', async () => {
    const contains = await prober.probe({
      ...base,
      url: `${url}/private`,
      headers: { Authorization: 'Bearer t0ken-value' },
      settings: { body: { contains: 'goodbye' } },
    });
    expect(contains).toMatchObject({
      status: 'down',
      httpStatus: 200,
      error: 'The response body does not contain the expected text',
    });
    const json = (jsonPath: string, equals: string | boolean) =>
      prober.probe({
        ...base,
        url: `${url}/json`,
        settings: { body: { jsonPath, equals } },
      });
    expect((await json('status', 'ok')).status).toBe('up');
    expect((await json('$.checks[0].ok', true)).status).toBe('up');
    expect(await json('checks[1].ok', true)).toMatchObject({
      status: 'down',
      error: 'Expected checks[1].ok to equal true, got false',
    });
    expect((await json('missing.path', 'x')).error).toBe(
      'The response JSON has no missing.path',
    );
  });

  it('is degraded when slower than the threshold', async () => {
    const slow = await prober.probe({
      ...base,
      url: `${url}/slow`,
      degradedLatencyMs: 100,
    });
    expect(slow.status).toBe('degraded');
    expect(slow.detail).toMatch(/above 100 ms/);
  });

  it('is down when the target is down', async () => {
    const down = await prober.probe({
      ...base,
      url: `http://127.0.0.1:${await closedPort()}/`,
    });
    expect(down).toMatchObject({ status: 'down', httpStatus: null });
    expect(down.error).toMatch(/ECONNREFUSED/);
  });
});

describe('jsonPath and statusSet', () => {
  it('parses paths safely, without evaluation', () => {
    expect(parseJsonPath('$.a.b[2].c')).toEqual(['a', 'b', 2, 'c']);
    expect(parseJsonPath('items.0')).toEqual(['items', 0]);
    for (const bad of [
      '',
      'a..b',
      '.a',
      'a[x]',
      '__proto__.x',
      'a;b',
      'a.constructor',
    ]) {
      expect(parseJsonPath(bad)).toBeUndefined();
    }
    expect(lookupJsonPath({ a: [{ b: 1 }] }, ['a', 0, 'b'])).toEqual({
      found: true,
      value: 1,
    });
    expect(lookupJsonPath({ a: {} }, ['a', 'toString']).found).toBe(false);
  });

  it('parses status sets', () => {
    expect(parseStatusSet([200, '2xx', '300-302'])).toEqual({
      ranges: [
        [200, 200],
        [200, 299],
        [300, 302],
      ],
    });
    expect(parseStatusSet(['700'])).toHaveProperty('error');
    expect(parseStatusSet(['302-300'])).toHaveProperty('error');
  });
});

describe('TcpProber', () => {
  const prober = new TcpProber();

  it('is up for an open port and down for a closed one', async () => {
    const port = await listen(net.createServer(socket => socket.end()));
    const open = await prober.probe({
      ...base,
      url: `tcp://127.0.0.1:${port}`,
      settings: { host: '127.0.0.1', port },
    });
    expect(open).toMatchObject({ status: 'up', error: null });

    const closed = await prober.probe({
      ...base,
      url: 'tcp://127.0.0.1:1',
      settings: { host: '127.0.0.1', port: await closedPort() },
    });
    expect(closed.status).toBe('down');
    expect(closed.error).toMatch(/ECONNREFUSED/);
  });
});

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('TlsProber', () => {
  let dir: string;
  const certificate = (days: number) => {
    const name = `cert-${days}`;
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        String(days),
        '-subj',
        '/CN=localhost',
        '-keyout',
        path.join(dir, `${name}.key`),
        '-out',
        path.join(dir, `${name}.pem`),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(dir, `${name}.key`)),
      cert: fs.readFileSync(path.join(dir, `${name}.pem`)),
    };
  };
  const serve = async (days: number) =>
    listen(https.createServer(certificate(days), (_req, res) => res.end('ok')));

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infra-health-tls-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is degraded when the certificate expires within warnDays, with the days left', async () => {
    if (!hasOpenssl) {
      // eslint-disable-next-line no-console
      console.warn('openssl is not installed: the certificate test is skipped');
      return;
    }
    const port = await serve(3);
    const prober = new TlsProber();
    const target = {
      ...base,
      url: `tls://127.0.0.1:${port}`,
      settings: {
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        warnDays: 14,
        rejectUnauthorized: false,
      },
    };
    const soon = await prober.probe(target);
    expect(soon).toMatchObject({ status: 'degraded', certDaysLeft: 2 });
    expect(soon.detail).toMatch(/fewer than 14/);

    // with a longer validity it is up
    const later = await serve(90);
    const up = await prober.probe({
      ...target,
      settings: { ...target.settings, port: later },
    });
    expect(up).toMatchObject({ status: 'up' });
    expect(up.certDaysLeft).toBeGreaterThanOrEqual(88);

    // expired: down (seen from 10 days on)
    const future = new TlsProber({
      now: () => new Date(Date.now() + 10 * 86_400_000),
    });
    const expired = await future.probe(target);
    expect(expired.status).toBe('down');
    expect(expired.error).toMatch(/expired/);

    // an untrusted chain fails the handshake when verification is on
    const verified = await prober.probe({
      ...target,
      settings: { ...target.settings, rejectUnauthorized: true },
    });
    expect(verified.status).toBe('down');
    expect(verified.error).toMatch(/TLS handshake failed/);
  });

  it('is down when nothing answers', async () => {
    const port = await closedPort();
    const result = await new TlsProber().probe({
      ...base,
      url: `tls://127.0.0.1:${port}`,
      settings: { host: '127.0.0.1', port },
    });
    expect(result.status).toBe('down');
  });
});

const postgres =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;

describe('PostgresProber', () => {
  const prober = new PostgresProber();
  it('runs select 1 in a read-only transaction against PostgreSQL 15', async () => {
    if (!postgres) {
      // eslint-disable-next-line no-console
      console.warn(
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: skipped',
      );
      return;
    }
    const result = await prober.probe({
      ...base,
      url: `${postgres}/postgres`,
    });
    // the prober checks transaction_read_only itself and is down otherwise
    expect(result).toMatchObject({ status: 'up', error: null });
  });

  it('is down without leaking the connection string', async () => {
    const port = await closedPort();
    const url = `postgresql://reader:Sup3rSecret@127.0.0.1:${port}/app`;
    const result = await prober.probe({ ...base, url });
    expect(result.status).toBe('down');
    expect(result.error).toMatch(/ECONNREFUSED/);
    expect(result.error).not.toMatch(/Sup3rSecret/);
  });

  it('is down for an unknown database, naming no secret', async () => {
    if (!postgres) return;
    // the server's real credentials (a wrong password would fail first on
    // a server that checks passwords), a database that does not exist
    const url = new URL(postgres!);
    url.pathname = '/no_such_database_x';
    const result = await prober.probe({ ...base, url: url.toString() });
    expect(result.status).toBe('down');
    expect(result.error).toMatch(/no_such_database_x/);
    const secrets = [url.toString(), decodeURIComponent(url.password)].filter(
      Boolean,
    );
    for (const secret of secrets) {
      expect(result.error).not.toContain(secret);
    }
  });
});
