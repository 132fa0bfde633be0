#!/usr/bin/env node
// The operations commands' test (a step of `./opshub test`): an embedded
// PostgreSQL 15 in a temp folder (not the portal), two databases with rows,
// a backup (manifest, sha256, row counts from the dump's snapshot), a refused
// corrupt copy, a restore into fresh databases with equal counts, retention,
// the JSON form of backend log lines, daily log rotation with retention, and
// the CLI's usage exit codes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/embedded-pg.mjs';
import {
  backendLineToJson,
  DailyLogFile,
  logRetentionDays,
  pruneRotatedLogs,
} from '../lib/logs.mjs';
import { repoRoot } from '../lib/portal.mjs';
import { choosePort } from '../lib/ports.mjs';
import {
  applyRetention,
  backupDatabases,
  checkFiles,
  findPgTools,
  readManifest,
  restoreDatabases,
  rowCounts,
  withClient,
} from './backup.mjs';

const results = [];
async function test(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok     ${name} (${Date.now() - t} ms)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAILED ${name}: ${error.stack ?? error.message}`);
  }
}

function cli(args, env = {}) {
  return spawnSync(path.join(repoRoot, 'opshub'), args, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
}

process.removeAllListeners('SIGINT');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-ops-test-'));
if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755);
let server;

async function main() {
  const t0 = Date.now();
  const tools = await findPgTools(15);
  const password = crypto.randomBytes(12).toString('hex');
  const port = await choosePort(55515, 'ops test PostgreSQL 15');
  server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port,
    password,
    major: 15,
  });
  const conn = { host: '127.0.0.1', port, user: server.user, password };
  console.log(`embedded PostgreSQL ${server.major} up on 127.0.0.1:${port}`);

  const names = ['backstage_plugin_alpha', 'backstage_plugin_beta'];
  await withClient(conn, 'postgres', async c => {
    for (const n of names) await c.query(`CREATE DATABASE ${n}`);
  });
  await withClient(conn, names[0], c =>
    c.query(`CREATE TABLE items (id serial PRIMARY KEY, name text);
             INSERT INTO items (name) SELECT 'item ' || g FROM generate_series(1, 250) g;
             CREATE SCHEMA extra;
             CREATE TABLE extra.notes (id int, body text);
             INSERT INTO extra.notes VALUES (1, 'a'), (2, 'b'), (3, 'c');
             CREATE TABLE empty_one (id int);`),
  );
  await withClient(conn, names[1], c =>
    c.query(`CREATE TABLE events (id bigserial PRIMARY KEY, at timestamptz DEFAULT now(), payload jsonb);
             INSERT INTO events (payload) SELECT jsonb_build_object('n', g) FROM generate_series(1, 1000) g;`),
  );

  const root = path.join(dir, 'backups');
  let backup;
  await test('backup: a pg_dump -Fc per database, manifest with sizes, sha256 and row counts', async () => {
    backup = await backupDatabases({ conn, root, tools });
    const manifest = readManifest(backup.dir);
    assert.deepEqual(
      manifest.databases.map(d => d.name),
      names,
    );
    const [alpha, beta] = manifest.databases;
    assert.deepEqual(alpha.tables, {
      'extra.notes': 3,
      'public.empty_one': 0,
      'public.items': 250,
    });
    assert.deepEqual(beta.tables, { 'public.events': 1000 });
    for (const d of manifest.databases) {
      const file = path.join(backup.dir, d.file);
      assert.equal(fs.statSync(file).size, d.size);
      assert.equal(
        crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
        d.sha256,
      );
      // a custom-format archive starts with PGDMP
      assert.equal(fs.readFileSync(file).subarray(0, 5).toString(), 'PGDMP');
    }
    assert.equal(manifest.server.major, 15);
    assert.deepEqual(await checkFiles(backup.dir, manifest), []);
  });

  await test('a corrupt copy fails the checksum check, and restore refuses it', async () => {
    const copy = path.join(dir, 'corrupt');
    fs.cpSync(backup.dir, copy, { recursive: true });
    const file = path.join(copy, `${names[1]}.dump`);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const problems = await checkFiles(copy, readManifest(copy));
    assert.equal(problems.length, 1);
    assert.match(problems[0], /backstage_plugin_beta\.dump: checksum mismatch/);
    // the CLI refuses before it touches anything (no portal data needed)
    const r = cli(['restore', copy, '--yes'], {
      OPSHUB_STATE_DIR: path.join(dir, 'state'),
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /checksum mismatch/);
    assert.match(r.stderr, /nothing was changed/);
    assert.equal(fs.existsSync(path.join(dir, 'state', 'postgres')), false);
    fs.rmSync(path.join(copy, `${names[0]}.dump`));
    assert.match(
      (await checkFiles(copy, readManifest(copy))).join('\n'),
      /backstage_plugin_alpha\.dump: missing/,
    );
  });

  await test('restore into fresh databases gives the manifest row counts', async () => {
    // rows written after the backup must not come back
    await withClient(conn, names[1], c =>
      c.query(`INSERT INTO events (payload) VALUES ('{}')`),
    );
    const manifest = readManifest(backup.dir);
    const restored = await restoreDatabases({
      conn,
      dir: backup.dir,
      manifest,
      tools,
      targetName: n => `${n}_restored`,
    });
    assert.deepEqual(
      restored.map(r => [r.target, r.diffs]),
      names.map(n => [`${n}_restored`, []]),
    );
    const counts = await withClient(conn, `${names[1]}_restored`, rowCounts);
    assert.deepEqual(counts, { 'public.events': 1000 });
    // and over an existing database: dropped and created again
    const again = await restoreDatabases({
      conn,
      dir: backup.dir,
      manifest,
      tools,
    });
    assert.deepEqual(
      again.map(r => r.diffs),
      [[], []],
    );
    const back = await withClient(conn, names[1], rowCounts);
    assert.deepEqual(back, { 'public.events': 1000 });
  });

  await test('retention keeps the newest N backups', async () => {
    const second = await backupDatabases({
      conn,
      root,
      tools,
      databases: [names[0]],
    });
    const third = await backupDatabases({
      conn,
      root,
      tools,
      databases: [names[0]],
    });
    fs.mkdirSync(path.join(root, 'not-a-backup'));
    const removed = applyRetention(root, 2);
    assert.deepEqual(removed, [path.basename(backup.dir)]);
    assert.deepEqual(
      fs.readdirSync(root).sort(),
      [
        path.basename(second.dir),
        path.basename(third.dir),
        'not-a-backup',
      ].sort(),
    );
  });

  await test('backend log lines become JSON objects', () => {
    assert.deepEqual(
      backendLineToJson(
        '2025-05-01T10:00:00.123Z catalog info Processing 3 entities count=3 type="url" nested={"a":"b c"} ',
      ),
      {
        service: 'backstage',
        plugin: 'catalog',
        timestamp: '2025-05-01T10:00:00.123Z',
        level: 'info',
        message: 'Processing 3 entities',
        count: 3,
        type: 'url',
        nested: { a: 'b c' },
      },
    );
    assert.deepEqual(
      backendLineToJson(
        '2025-05-01T10:00:00.123Z backstage warn a=b is not a field ',
      ),
      {
        service: 'backstage',
        timestamp: '2025-05-01T10:00:00.123Z',
        level: 'warn',
        message: 'a=b is not a field',
      },
    );
    const other = backendLineToJson(
      '    at Object.<anonymous> (x.js:1:1)',
      'stderr',
      new Date('2025-05-01T00:00:00Z'),
    );
    assert.deepEqual(other, {
      timestamp: '2025-05-01T00:00:00.000Z',
      level: 'warn',
      message: '    at Object.<anonymous> (x.js:1:1)',
      stream: 'stderr',
    });
  });

  await test('log files rotate daily and rotated files past the retention are deleted', async () => {
    const logs = path.join(dir, 'rotating-logs');
    fs.mkdirSync(logs, { recursive: true });
    const file = path.join(logs, 'backend.log');
    // left from a run 40 days ago and one 10 days ago, and a current file
    // last written yesterday
    const day = n => new Date(Date.UTC(2026, 11, 3) - n * 86_400_000);
    fs.writeFileSync(path.join(logs, 'backend.2026-10-24.log'), 'old\n');
    fs.writeFileSync(path.join(logs, 'backend.2026-11-23.log'), 'recent\n');
    fs.writeFileSync(path.join(logs, 'app.2026-10-01.log'), 'old app\n');
    fs.writeFileSync(path.join(logs, 'notes.txt'), 'not a log\n');
    fs.writeFileSync(file, 'yesterday\n');
    fs.utimesSync(file, day(1), day(1));

    let now = new Date(Date.UTC(2026, 11, 3, 8));
    const out = new DailyLogFile(file, { retentionDays: 30, now: () => now });
    // opening rotated yesterday's file and pruned past 30 days
    assert.equal(
      fs.readFileSync(path.join(logs, 'backend.2026-12-02.log'), 'utf8'),
      'yesterday\n',
    );
    assert.deepEqual(fs.readdirSync(logs).sort(), [
      'backend.2026-11-23.log',
      'backend.2026-12-02.log',
      'notes.txt',
    ]);
    out.write('today 1\n');
    now = new Date(Date.UTC(2026, 11, 3, 23, 59));
    out.write('today 2\n');
    // the first write after midnight (UTC) starts a new file
    now = new Date(Date.UTC(2026, 11, 4, 0, 1));
    out.write('tomorrow\n');
    out.end();
    assert.equal(
      fs.readFileSync(path.join(logs, 'backend.2026-12-03.log'), 'utf8'),
      'today 1\ntoday 2\n',
    );
    assert.equal(fs.readFileSync(file, 'utf8'), 'tomorrow\n');

    // 60 days later only the current file is left
    assert.deepEqual(
      pruneRotatedLogs(logs, 30, new Date(Date.UTC(2027, 1, 2))),
      [
        'backend.2026-11-23.log',
        'backend.2026-12-02.log',
        'backend.2026-12-03.log',
      ],
    );
    assert.deepEqual(fs.readdirSync(logs).sort(), ['backend.log', 'notes.txt']);

    assert.equal(logRetentionDays({}), 30);
    assert.equal(logRetentionDays({ OPSHUB_LOG_RETENTION_DAYS: '7' }), 7);
    assert.throws(
      () => logRetentionDays({ OPSHUB_LOG_RETENTION_DAYS: '0' }),
      /OPSHUB_LOG_RETENTION_DAYS must be a whole number/,
    );
  });

  await test('./opshub: usage and exit codes for bad input', () => {
    const env = { OPSHUB_STATE_DIR: path.join(dir, 'state') };
    const unknown = cli(['frobnicate'], env);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    assert.match(unknown.stderr, /usage: \.\/opshub/);
    assert.equal(cli([], env).status, 2);
    assert.equal(cli(['logs', 'database'], env).status, 2);
    assert.equal(cli(['backup', '--keep', 'x'], env).status, 2);
    const missing = cli(['restore', path.join(dir, 'nope'), '--yes'], env);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /backup folder not found/);
    const status = cli(['status', '--json'], env);
    assert.equal(status.status, 3);
    assert.equal(JSON.parse(status.stdout).running, false);
    assert.equal(cli(['health'], env).status, 3);
    // a stale state file: its start process is gone
    fs.mkdirSync(path.join(dir, 'state', 'run'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(
      path.join(dir, 'state', 'run', 'portal.json'),
      JSON.stringify({ pid: dead, parts: {} }),
    );
    const stale = cli(['status'], env);
    assert.equal(stale.status, 3);
    assert.match(stale.stdout, /stale state file/);
    // restore and reset refuse while a portal runs (this process stands in)
    fs.writeFileSync(
      path.join(dir, 'state', 'run', 'portal.json'),
      JSON.stringify({ pid: process.pid, parts: {} }),
    );
    const busy = cli(['restore', backup.dir, '--yes'], env);
    assert.equal(busy.status, 1);
    assert.match(busy.stderr, /the portal is running/);
    assert.equal(cli(['reset', '--yes'], env).status, 1);
    // without --yes and without a terminal: not confirmed, nothing changed
    fs.rmSync(path.join(dir, 'state', 'run'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'state', 'postgres'), { recursive: true });
    const unconfirmed = cli(['reset'], env);
    assert.equal(unconfirmed.status, 1);
    assert.match(unconfirmed.stderr, /not confirmed/);
    assert.equal(fs.existsSync(path.join(dir, 'state', 'postgres')), true);
    assert.equal(cli(['reset', '--yes'], env).status, 0);
    assert.equal(fs.existsSync(path.join(dir, 'state', 'postgres')), false);
  });

  await test('status, health and metrics read the state file and measure the parts', () => {
    // a portal whose PostgreSQL is this test server and whose backend is gone
    const stateDir = path.join(dir, 'running');
    fs.mkdirSync(path.join(stateDir, 'run'), { recursive: true });
    fs.writeFileSync(
      path.join(stateDir, 'secrets.json'),
      JSON.stringify({ pgPassword: password }),
    );
    const startedAt = new Date(Date.now() - 65_000).toISOString();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(
      path.join(stateDir, 'run', 'portal.json'),
      JSON.stringify({
        pid: process.pid,
        startedAt,
        parts: {
          postgres: { pid: server.pid(), port, startedAt },
          backend: {
            pid: gone,
            port: 1,
            url: 'http://127.0.0.1:1',
            startedAt,
          },
        },
      }),
    );
    const env = { OPSHUB_STATE_DIR: stateDir };
    const status = cli(['status', '--json'], env);
    assert.equal(status.status, 1, status.stderr);
    const parsed = JSON.parse(status.stdout);
    assert.equal(parsed.overall, 'degraded');
    const pgPart = parsed.parts.find(p => p.name === 'postgres');
    assert.equal(pgPart.healthy, true);
    assert.equal(pgPart.pid, server.pid());
    assert.ok(pgPart.uptimeSeconds >= 65, String(pgPart.uptimeSeconds));
    const backendPart = parsed.parts.find(p => p.name === 'backend');
    assert.equal(backendPart.healthy, false);
    assert.match(backendPart.detail, /is gone/);
    const healthRun = cli(['health'], env);
    assert.equal(healthRun.status, 1);
    assert.match(healthRun.stdout, /^degraded: backend/);
    const metricsRun = cli(['metrics'], env);
    assert.equal(metricsRun.status, 0, metricsRun.stderr);
    const memory =
      /postgres: pid \d+, uptime .* memory ([\d.]+) MB (pss|rss) in (\d+) processes/.exec(
        metricsRun.stdout,
      );
    assert.ok(memory, metricsRun.stdout);
    assert.ok(Number(memory[1]) > 1 && Number(memory[3]) >= 2, memory[0]);
    assert.match(metricsRun.stdout, /backstage_plugin_alpha +[\d.]+ MB/);
    assert.match(metricsRun.stdout, /backend: down/);
    // the password never shows
    for (const out of [status, healthRun, metricsRun]) {
      assert.equal(`${out.stdout}${out.stderr}`.includes(password), false);
    }
  });

  await test('a data folder of PostgreSQL 18 is refused with the reset advice', () => {
    const stateDir = path.join(dir, 'old18');
    fs.mkdirSync(path.join(stateDir, 'postgres'), { recursive: true });
    fs.writeFileSync(path.join(stateDir, 'postgres', 'PG_VERSION'), '18\n');
    const r = cli(['backup'], { OPSHUB_STATE_DIR: stateDir });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /initialised by PostgreSQL 18/);
    assert.match(r.stderr, /\.\/opshub reset --yes/);
  });

  console.log(`ops tests: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

let code = 1;
try {
  await main();
  code = results.length && results.every(r => r.ok) ? 0 : 1;
} catch (error) {
  console.error(`ops tests could not run: ${error.message}`);
} finally {
  await server?.stop().catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${results.filter(r => r.ok).length} passed, ${
    results.filter(r => !r.ok).length
  } failed`,
);
process.exit(code);
