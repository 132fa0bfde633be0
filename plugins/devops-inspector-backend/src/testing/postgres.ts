import { randomBytes } from 'crypto';
import net, { AddressInfo } from 'net';
import { Client } from 'pg';

const URL_VARIABLE = 'BACKSTAGE_TEST_DATABASE_POSTGRES18_CONNECTION_STRING';

/** The URL with the maintenance database `postgres` when it names none. */
function withDefaultDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') {
    parsed.pathname = '/postgres';
  }
  return parsed.toString();
}

/** Appended to the title of suites skipped for want of a PostgreSQL. */
export const POSTGRES_SKIP_NOTE = ` (skipped: set ${URL_VARIABLE} to run against PostgreSQL)`;

/**
 * The superuser URL of the test PostgreSQL (pointing at the `postgres`
 * database unless it names another), or `undefined` to skip the suites that
 * need one. With `OPSHUB_REQUIRE_POSTGRES=1` a missing URL throws, so that
 * those suites fail instead of being skipped.
 */
export function postgresTestUrl(): string | undefined {
  const url = process.env[URL_VARIABLE];
  if (!url) {
    if (process.env.OPSHUB_REQUIRE_POSTGRES === '1') {
      throw new Error(
        `OPSHUB_REQUIRE_POSTGRES=1 but ${URL_VARIABLE} is not set`,
      );
    }
    return undefined;
  }
  return withDefaultDatabase(url);
}

/** A throw-away database on the test server and a superuser client to it. */
export interface ScratchDatabase {
  name: string;
  url: string;
  client: Client;
  drop(): Promise<void>;
}

async function onServer<T>(
  url: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a randomly named database; `drop()` removes it again. */
export async function createScratchDatabase(
  serverUrl: string,
): Promise<ScratchDatabase> {
  const name = `opshub_inspector_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, admin =>
    admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return {
    name,
    url: url.toString(),
    client,
    async drop() {
      await client.end();
      await onServer(serverUrl, admin =>
        admin.query(
          `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(
            name,
          )} WITH (FORCE)`,
        ),
      );
    },
  };
}

/** A local TCP port that nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}
