import { randomBytes } from 'crypto';
import net, { AddressInfo } from 'net';
import { Client } from 'pg';

/** The variables `createTestDatabases` reads, newest PostgreSQL first. */
const URL_VARIABLES = [18, 17, 16, 15, 14, 13].map(
  version => `BACKSTAGE_TEST_DATABASE_POSTGRES${version}_CONNECTION_STRING`,
);

/** The URL with the maintenance database `postgres` when it names none. */
function withDefaultDatabase(url: string): string {
  const parsed = new URL(url);
  if (parsed.pathname === '' || parsed.pathname === '/') {
    parsed.pathname = '/postgres';
  }
  return parsed.toString();
}

/** Appended to the title of suites skipped for want of a PostgreSQL. */
export const POSTGRES_SKIP_NOTE = ` (skipped: set ${URL_VARIABLES[0]} or another BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING to run against PostgreSQL)`;

/**
 * The superuser URL of the test PostgreSQL (the newest whose
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING` is set, pointing
 * at the `postgres` database unless it names another), or `undefined` to
 * skip the suites that need one. With `OPSHUB_REQUIRE_POSTGRES=1` a missing
 * URL throws, so that those suites fail instead of being skipped.
 */
export function postgresTestUrl(): string | undefined {
  const url = URL_VARIABLES.map(name => process.env[name]).find(Boolean);
  if (!url) {
    if (process.env.OPSHUB_REQUIRE_POSTGRES === '1') {
      throw new Error(
        `OPSHUB_REQUIRE_POSTGRES=1 but no BACKSTAGE_TEST_DATABASE_POSTGRES<NN>_CONNECTION_STRING is set`,
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

/** Put into scratch URLs that have no password of their own. */
const SCRATCH_PASSWORD = 'opshub-Scratch-pw';

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
  if (!url.password) {
    // a server with trust authentication ignores it; the tests check that
    // a password never leaks, which needs one
    url.password = SCRATCH_PASSWORD;
  }
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
