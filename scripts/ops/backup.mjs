// Backups of OpsHub's PostgreSQL databases: `pg_dump -Fc` per database into
// <root>/<timestamp>/ with manifest.json (file, size, sha256, row counts per
// table), checksum checks, restore with pg_restore, and retention.
//
// Each database is dumped from one snapshot: a REPEATABLE READ transaction
// exports it (pg_export_snapshot), counts the rows of every table in it, and
// pg_dump --snapshot reads the same one, so the counts in the manifest are the
// counts in the file even while the backend writes.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export class OpsError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * Debian's pg_dump and pg_restore of the given major version
 * (postgresql-client-<major>), or OPSHUB_PG_BIN. Throws OpsError when absent.
 */
export async function findPgTools(major) {
  const dir = process.env.OPSHUB_PG_BIN || `/usr/lib/postgresql/${major}/bin`;
  const tools = {
    pgDump: path.join(dir, 'pg_dump'),
    pgRestore: path.join(dir, 'pg_restore'),
  };
  for (const file of Object.values(tools)) {
    if (!fs.existsSync(file)) {
      throw new OpsError(
        `${file} is missing: backups of the portal's PostgreSQL ${major} need pg_dump and pg_restore ${major}. ` +
          `Install them with \`apt-get install postgresql-client-${major}\` (or set OPSHUB_PG_BIN to a folder that has them).`,
      );
    }
  }
  const { stdout } = await run(tools.pgDump, ['--version']);
  const found = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1]);
  if (found !== major) {
    throw new OpsError(
      `${
        tools.pgDump
      } is version ${stdout.trim()}, but the server is PostgreSQL ${major}: use pg_dump ${major} (apt-get install postgresql-client-${major})`,
    );
  }
  return { ...tools, version: stdout.trim() };
}

/** Connection { host, port, user, password } to a pg.Client config. */
function clientConfig(conn, database) {
  return {
    host: conn.host ?? '127.0.0.1',
    port: conn.port,
    user: conn.user,
    password: conn.password,
    database,
  };
}

/** libpq environment for pg_dump/pg_restore: no password on the command line. */
function pgEnv(conn, database) {
  return {
    ...process.env,
    PGHOST: conn.host ?? '127.0.0.1',
    PGPORT: String(conn.port),
    PGUSER: conn.user,
    PGPASSWORD: conn.password ?? '',
    PGDATABASE: database,
    PGCONNECT_TIMEOUT: '10',
  };
}

export async function withClient(conn, database, fn) {
  const client = new pg.Client(clientConfig(conn, database));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Every database except templates and `postgres`, sorted. */
export async function listDatabases(conn) {
  return withClient(conn, 'postgres', async c => {
    const { rows } = await c.query(
      "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' ORDER BY datname",
    );
    return rows.map(r => r.datname);
  });
}

export async function serverMajor(conn) {
  return withClient(conn, 'postgres', async c => {
    const { rows } = await c.query('SHOW server_version_num');
    return Math.floor(Number(rows[0].server_version_num) / 10000);
  });
}

/** { "schema.table": rows } for every ordinary table outside the catalogs. */
export async function rowCounts(client) {
  const { rows: tables } = await client.query(`
    SELECT n.nspname AS schema, c.relname AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r'
       AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
     ORDER BY 1, 2`);
  const counts = {};
  for (const t of tables) {
    const ident = `${client.escapeIdentifier(
      t.schema,
    )}.${client.escapeIdentifier(t.name)}`;
    const { rows } = await client.query(
      `SELECT count(*)::bigint AS n FROM ONLY ${ident}`,
    );
    counts[`${t.schema}.${t.name}`] = Number(rows[0].n);
  }
  return counts;
}

export function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('error', reject)
      .on('data', d => hash.update(d))
      .on('end', () => resolve(hash.digest('hex')));
  });
}

function timestampDir(root) {
  const stamp = new Date()
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\..*/, 'Z');
  let dir = path.join(root, stamp);
  for (let i = 1; fs.existsSync(dir); i++)
    dir = path.join(root, `${stamp}-${i}`);
  return dir;
}

/**
 * Dumps `databases` (default: all) of the server into a new timestamped folder
 * under `root`. Resolves to { dir, manifest }.
 */
export async function backupDatabases({
  conn,
  root,
  tools,
  databases,
  log = () => {},
}) {
  const t0 = Date.now();
  const names = databases ?? (await listDatabases(conn));
  if (names.length === 0)
    throw new OpsError('there are no databases to back up');
  const dir = timestampDir(root);
  const partial = `${dir}.partial`;
  fs.mkdirSync(partial, { recursive: true });
  const entries = [];
  try {
    for (const name of names) {
      const t = Date.now();
      const file = `${name}.dump`;
      const tables = await withClient(conn, name, async client => {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
        const { rows } = await client.query(
          'SELECT pg_export_snapshot() AS id',
        );
        const counts = await rowCounts(client);
        await run(
          tools.pgDump,
          [
            '--format=custom',
            `--snapshot=${rows[0].id}`,
            '--file',
            path.join(partial, file),
          ],
          { env: pgEnv(conn, name), maxBuffer: 16 * 1024 * 1024 },
        );
        await client.query('COMMIT');
        return counts;
      });
      const full = path.join(partial, file);
      const entry = {
        name,
        file,
        size: fs.statSync(full).size,
        sha256: await sha256File(full),
        rows: Object.values(tables).reduce((a, b) => a + b, 0),
        tables,
      };
      entries.push(entry);
      log(
        `  ${name}: ${entry.size} bytes, ${
          Object.keys(tables).length
        } tables, ${entry.rows} rows (${Date.now() - t} ms)`,
      );
    }
    const manifest = {
      format: 'opshub-backup/1',
      createdAt: new Date(t0).toISOString(),
      server: { major: await serverMajor(conn), port: conn.port },
      pgDump: tools.version,
      seconds: Number(((Date.now() - t0) / 1000).toFixed(2)),
      databases: entries,
    };
    fs.writeFileSync(
      path.join(partial, 'manifest.json'),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    // only a complete backup gets its final name
    fs.renameSync(partial, dir);
    return { dir, manifest };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Reads <dir>/manifest.json; OpsError when missing or malformed. */
export function readManifest(dir) {
  if (!dir || !fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new OpsError(`backup folder not found: ${dir ?? '(none given)'}`);
  }
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) {
    throw new OpsError(`${file} is missing: not an OpsHub backup folder`);
  }
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OpsError(`${file} is not valid JSON: ${error.message}`);
  }
  if (
    manifest.format !== 'opshub-backup/1' ||
    !Array.isArray(manifest.databases) ||
    manifest.databases.some(
      d =>
        typeof d.name !== 'string' ||
        typeof d.file !== 'string' ||
        d.file.includes('/') ||
        typeof d.sha256 !== 'string',
    )
  ) {
    throw new OpsError(`${file} is not an opshub-backup/1 manifest`);
  }
  return manifest;
}

/**
 * Checks every file of the manifest (present, size, sha256). Resolves to a
 * list of problems, empty when the backup is intact.
 */
export async function checkFiles(dir, manifest) {
  const problems = [];
  for (const db of manifest.databases) {
    const file = path.join(dir, db.file);
    if (!fs.existsSync(file)) {
      problems.push(`${db.file}: missing`);
      continue;
    }
    const size = fs.statSync(file).size;
    const sha = await sha256File(file);
    if (sha !== db.sha256) {
      problems.push(
        `${db.file}: checksum mismatch (sha256 ${sha.slice(
          0,
          12,
        )}…, manifest ${db.sha256.slice(0, 12)}…; ${size} bytes, manifest ${
          db.size
        })`,
      );
    }
  }
  return problems;
}

/** Differences between two { table: rows } maps, as readable lines. */
export function compareCounts(expected, actual) {
  const diffs = [];
  for (const table of new Set([
    ...Object.keys(expected),
    ...Object.keys(actual),
  ])) {
    if (expected[table] !== actual[table]) {
      diffs.push(
        `${table}: ${expected[table] ?? 'absent'} in the backup, ${
          actual[table] ?? 'absent'
        } restored`,
      );
    }
  }
  return diffs;
}

/**
 * Restores each database of the manifest into `targetName(name)` on the
 * server (dropped and created first), then compares the row counts with the
 * manifest. Resolves to [{ name, target, rows, diffs, ms }].
 */
export async function restoreDatabases({
  conn,
  dir,
  manifest,
  tools,
  targetName = name => name,
  log = () => {},
}) {
  const results = [];
  for (const db of manifest.databases) {
    const t = Date.now();
    const target = targetName(db.name);
    await withClient(conn, 'postgres', async c => {
      const ident = c.escapeIdentifier(target);
      await c.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${ident}`);
    });
    await run(
      tools.pgRestore,
      [
        '--no-owner',
        '--exit-on-error',
        '--single-transaction',
        '--dbname',
        target,
        path.join(dir, db.file),
      ],
      { env: pgEnv(conn, target), maxBuffer: 16 * 1024 * 1024 },
    );
    const counts = await withClient(conn, target, rowCounts);
    const diffs = compareCounts(db.tables, counts);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    results.push({ name: db.name, target, rows, diffs, ms: Date.now() - t });
    log(
      `  ${db.name}${
        target === db.name ? '' : ` -> ${target}`
      }: ${rows} rows, ${
        diffs.length ? `${diffs.length} tables differ` : 'row counts match'
      } (${Date.now() - t} ms)`,
    );
  }
  return results;
}

export async function dropDatabases(conn, names) {
  await withClient(conn, 'postgres', async c => {
    for (const name of names) {
      await c.query(
        `DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`,
      );
    }
  });
}

/** Keeps the `keep` newest complete backups under `root`; returns the removed. */
export function applyRetention(root, keep) {
  if (!fs.existsSync(root)) return [];
  const dirs = fs
    .readdirSync(root)
    .filter(
      d =>
        /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d+)?$/.test(d) &&
        fs.existsSync(path.join(root, d, 'manifest.json')),
    )
    // ISO timestamps sort by time; a `-N` suffix (same second) sorts after
    .sort()
    .reverse();
  const removed = dirs.slice(keep);
  for (const d of removed) {
    fs.rmSync(path.join(root, d), { recursive: true, force: true });
  }
  return removed;
}
