import type { LoggerService } from '@backstage/backend-plugin-api';
import http from 'http';
import { AddressInfo } from 'net';

/** One request as the test server received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body, exactly as it arrived. */
  body: string;
}

export type Reply = (
  request: ReceivedRequest,
  res: http.ServerResponse,
) => void;

/**
 * A real HTTP server on 127.0.0.1, port 0, that records every request and
 * answers with `reply`. A reply that never calls `res.end` leaves the
 * request hanging, as a stuck provider does.
 */
export async function startProviderServer(reply: Reply) {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      reply(request, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ProviderServer = Awaited<ReturnType<typeof startProviderServer>>;

/** Starts servers and closes them after each test. */
export function useProviderServers() {
  const servers: ProviderServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(s => s.close()));
  });
  return async (reply: Reply) => {
    const server = await startProviderServer(reply);
    servers.push(server);
    return server;
  };
}

/** Answers `status` with a JSON body (or none for 204). */
export function json(res: http.ServerResponse, status: number, body?: unknown) {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A port nothing listens on: one a server had, then gave back. */
export async function closedPort(): Promise<number> {
  const server = await startProviderServer(() => {});
  await server.close();
  return server.port;
}

/** A logger that records what it is given. */
export function recordingLogger(lines: string[] = []): LoggerService {
  const log = (level: string) => (message: string, meta?: Error | object) =>
    lines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return logger;
}
