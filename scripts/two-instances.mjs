#!/usr/bin/env node
// `yarn test:instances`: two replicas of the portal backend on one PostgreSQL.
//
// Starts a throwaway Debian PostgreSQL 15 and, at the same moment, TWO
// processes of the real backend (packages/backend/src/index.ts through the
// Backstage node transform, as `backstage-cli package start` runs it, in
// development mode so that guest sign-in gives a user token) on two ports,
// with identical config apart from the port. Then checks:
//
// - migrations ran once: in every plugin database, no migration is recorded
//   twice and no migration lock is left taken, and both replicas got ready;
// - each infra-health check runs once per interval: three checks every 10 s
//   against a loopback HTTP target of this script; both the target's hits and
//   the samples in the database are one per interval (no gap under half an
//   interval, none over one and a half);
// - a release step marked done through replica A reaches a signals websocket
//   subscriber connected to replica B (as @backstage/plugin-signals connects:
//   the user token as the websocket protocol, then `subscribe` to
//   `release-orchestration:release:<id>`) within 2 s;
// - concurrent conflicting writes through A and B (mark the same step done
//   with the same version, three times) give one 2xx and one 409 each time.
//
// Prints a one-line summary and exits non-zero on any failure. Stops
// everything it started.
//
//   OPSHUB_TWO_INSTANCES_PG_URL=postgresql://postgres@127.0.0.1:54315  use that
//     server (databases get a unique prefix and are dropped afterwards)
//   OPSHUB_TWO_INSTANCES_VERBOSE=1  print both backends' logs at the end
//
// Without Debian's PostgreSQL 15 it skips (exit 0) with a message, except in
// CI (CI=true) or with OPSHUB_REQUIRE_POSTGRES=1, where that is a failure.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startDebianPostgres } from './lib/debian-pg.mjs';
import { repoRoot } from './lib/portal.mjs';
import { checkMigrations } from './lib/migrations.mjs';
import { choosePort } from './lib/ports.mjs';

const INTERVAL_SECONDS = 10; // the smallest infra-health allows
const CHECKS = 3;
const INTERVALS = 3; // observed intervals per check
const SIGNAL_BUDGET_MS = 2000;
const CONFLICT_ROUNDS = 3;

const backendDir = path.join(repoRoot, 'packages/backend');
// `ws` through the signals backend that the portal depends on
const requireFromBackend = createRequire(path.join(backendDir, 'package.json'));
const { WebSocket } = createRequire(
  requireFromBackend.resolve('@backstage/plugin-signals-backend'),
)('ws');

const cleanups = [];
const failures = [];
const log = message => console.log(`[two-instances] ${message}`);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

function check(ok, what) {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${what}`);
  if (!ok) failures.push(what);
  return ok;
}

async function poll(what, timeoutMs, fn, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${Math.round(timeoutMs / 1000)} s`);
    }
    await sleep(intervalMs);
  }
}

async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL both replicas share: a temp Debian 15 cluster, or a URL. */
async function database() {
  const prefix = `opshub_two_${crypto.randomBytes(4).toString('hex')}_`;
  const shared = process.env.OPSHUB_TWO_INSTANCES_PG_URL;
  if (shared) {
    const url = new URL(shared);
    log(`using PostgreSQL at ${url.host} (OPSHUB_TWO_INSTANCES_PG_URL)`);
    cleanups.push(() => dropDatabases(shared, prefix));
    return { url, prefix };
  }
  const server = await startDebianPostgres({
    version: 15,
    port: await choosePort(55445, 'two-instances PostgreSQL 15', log),
    password: crypto.randomBytes(12).toString('hex'),
    log,
  });
  if (!server) return null;
  cleanups.push(() => server.stop());
  return { url: new URL(server.connectionString), prefix };
}

async function dropDatabases(connectionString, prefix) {
  await withClient(connectionString, async client => {
    const { rows } = await client.query(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(
        `drop database ${client.escapeIdentifier(datname)} with (force)`,
      );
    }
  });
}

/** A loopback HTTP target for the checks; remembers when each path was hit. */
async function startTarget() {
  const hits = new Map();
  const server = http.createServer((req, res) => {
    const list = hits.get(req.url) ?? [];
    list.push(Date.now());
    hits.set(req.url, list);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise(resolve => server.close(resolve)));
  return { url: `http://127.0.0.1:${server.address().port}`, hits };
}

function startBackend(name, { configFile, port, deployerPort }) {
  const output = [];
  const backend = {
    name,
    output,
    restarts: [],
    baseUrl: `http://127.0.0.1:${port}`,
    spawn() {
      const child = spawn(
        process.execPath,
        [
          '--require',
          requireFromBackend.resolve('@backstage/cli/config/nodeTransform.cjs'),
          'src/index.ts',
          '--config',
          path.join(repoRoot, 'app-config.yaml'),
          '--config',
          configFile,
        ],
        {
          cwd: backendDir,
          env: {
            PATH: process.env.PATH,
            HOME: process.env.HOME ?? os.tmpdir(),
            NODE_ENV: 'development',
            OPSHUB_BACKEND_PORT: String(port),
            OPSHUB_DEMO_DEPLOYER_PORT: String(deployerPort),
            OPSHUB_WEBHOOK_SECRET: 'two-instances-generic-secret',
            ...(process.env.OPSHUB_TWO_INSTANCES_VERBOSE
              ? { LOG_LEVEL: 'debug' }
              : {}),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const keep = chunk => {
        output.push(chunk.toString());
        if (output.length > 2000) output.shift();
      };
      child.stdout.on('data', keep);
      child.stderr.on('data', keep);
      backend.child = child;
      backend.exited = new Promise(resolve =>
        child.on('exit', (code, signal) => resolve(code ?? signal)),
      );
    },
    async stop() {
      const { child, exited } = backend;
      if (child.exitCode !== null || child.signalCode !== null) {
        return exited;
      }
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  backend.spawn();
  cleanups.push(() => backend.stop());
  return backend;
}

/**
 * Waits for readiness. A replica whose startup failed exits (index.ts); like
 * Kubernetes, start it again, at most twice, and remember why it failed.
 */
async function waitForReady(backend, timeoutMs) {
  await poll(
    `${backend.name} ready`,
    timeoutMs,
    async () => {
      if (backend.child.exitCode !== null) {
        if (backend.restarts.length >= 2) {
          throw new Error(
            `${backend.name} exited with ${backend.child.exitCode} before it was ready, three times`,
          );
        }
        const text = backend.output.join('');
        const failed = text.slice(text.lastIndexOf('Backend startup failed'));
        const causes = [
          ...failed.matchAll(
            /Plugin '([^']+)' startup failed; caused by ([^\n]*)/g,
          ),
        ].map(([, plugin, cause]) => ({ plugin, cause: cause.slice(0, 300) }));
        backend.restarts.push(causes);
        log(
          `replica ${backend.name} exited during startup (${
            causes.map(c => `${c.plugin}: ${c.cause}`).join('; ') ||
            `exit ${backend.child.exitCode}`
          }); starting it again`,
        );
        backend.output.length = 0;
        backend.spawn();
        return false;
      }
      try {
        const res = await fetch(
          `${backend.baseUrl}/.backstage/health/v1/readiness`,
          { signal: AbortSignal.timeout(2000) },
        );
        return res.status === 200;
      } catch {
        return false;
      }
    },
    500,
  );
}

/** A user token, as the app gets it in development (guest sign-in). */
async function guestToken(backend) {
  const res = await fetch(
    `${backend.baseUrl}/api/auth/guest/refresh?env=development`,
    { headers: { 'x-requested-with': 'XMLHttpRequest' } },
  );
  if (!res.ok)
    throw new Error(`guest sign-in on ${backend.name}: ${res.status}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

function api(backend, token) {
  return async (method, route, body) => {
    const res = await fetch(
      `${backend.baseUrl}/api/release-orchestration${route}`,
      {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      },
    );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

async function ok(call, what) {
  const res = await call;
  if (res.status < 200 || res.status > 299) {
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/**
 * Connects to `/api/signals` as @backstage/plugin-signals does: the token is
 * the websocket protocol. The signals router hooks the server's upgrade event
 * on the first upgrade request it sees, so that first attempt may not open:
 * retry, as the app's client does.
 */
async function connectSignals(backend, token) {
  const url = `${backend.baseUrl.replace(/^http/, 'ws')}/api/signals`;
  const messages = [];
  const waiters = new Set();
  const ws = await poll(`websocket to ${backend.name}`, 20_000, async () => {
    const socket = new WebSocket(url, token);
    const opened = await new Promise(resolve => {
      socket.once('open', () => resolve(true));
      socket.once('error', () => resolve(false));
      socket.once('unexpected-response', () => resolve(false));
      setTimeout(() => resolve(false), 3000);
    });
    if (!opened) socket.terminate();
    return opened && socket;
  });
  if (process.env.OPSHUB_TWO_INSTANCES_VERBOSE) {
    log(
      `signals websocket to ${backend.name} open (protocol ${
        ws.protocol ? 'set' : 'none'
      })`,
    );
    ws.on('close', code => log(`signals websocket closed (${code})`));
  }
  ws.on('message', data => {
    if (process.env.OPSHUB_TWO_INSTANCES_VERBOSE) log(`signal: ${data}`);
    const message = { at: Date.now(), ...JSON.parse(data.toString()) };
    messages.push(message);
    for (const waiter of waiters) waiter(message);
  });
  cleanups.push(() => ws.terminate());
  return {
    subscribe: channel =>
      ws.send(JSON.stringify({ action: 'subscribe', channel })),
    /** Resolves with the first message (seen or to come) matching `test`. */
    next(test, timeoutMs) {
      const seen = messages.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise(resolve => {
        const waiter = message => {
          if (!test(message)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          resolve(message);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          resolve(undefined);
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}

/** Is every gap between consecutive times one interval (±50%)? */
function oncePerInterval(times) {
  const ms = INTERVAL_SECONDS * 1000;
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  return {
    ok: gaps.every(gap => gap >= ms * 0.5 && gap <= ms * 1.5),
    gaps: gaps.map(gap => (gap / 1000).toFixed(1)),
  };
}

async function main() {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-two-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const db = await database();
  if (!db) {
    const message =
      "Debian's PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): apt-get install postgresql-15, or set OPSHUB_TWO_INSTANCES_PG_URL";
    if (process.env.CI === 'true' || process.env.OPSHUB_REQUIRE_POSTGRES) {
      throw new Error(message);
    }
    log(`skipped: ${message}`);
    return 'skipped';
  }
  const target = await startTarget();
  const ports = {
    a: await choosePort(7127, 'replica A', log),
  };
  ports.b = await choosePort(ports.a + 1, 'replica B', log);
  ports.deployerA = await choosePort(ports.b + 1, 'demo deployer A', log);
  ports.deployerB = await choosePort(
    ports.deployerA + 1,
    'demo deployer B',
    log,
  );

  // the same config for both, apart from the port (in the environment)
  const configFile = path.join(tmp, 'app-config.two-instances.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      backend: {
        database: {
          client: 'pg',
          prefix: db.prefix,
          connection: {
            host: db.url.hostname,
            port: Number(db.url.port || 5432),
            user: decodeURIComponent(db.url.username),
            password: decodeURIComponent(db.url.password),
          },
        },
      },
      infraHealth: {
        checks: Array.from({ length: CHECKS }, (_, i) => ({
          name: `two-instances check ${i + 1}`,
          service: 'two-instances',
          url: `${target.url}/check-${i + 1}`,
          intervalSeconds: INTERVAL_SECONDS,
        })),
        slos: [],
      },
      devopsInspector: { environments: null },
    }),
    { mode: 0o600 },
  );

  // A first, then B: Backstage's own core migrations (catalog, scheduler,
  // auth keys) race when two replicas start at once on an EMPTY database
  // and can leave a knex migration lock held by a replica that crashed, so
  // that no later start succeeds (backstage/charts#300). That is the
  // first-deploy case; docs/operations.md says to start one replica first.
  // Every later rollout starts replicas on a migrated database, which is
  // what B does here.
  log(
    `starting replica A (:${ports.a}), then B (:${ports.b}), on PostgreSQL 15 at ${db.url.host}`,
  );
  const startedAt = Date.now();
  const a = startBackend('A', {
    configFile,
    port: ports.a,
    deployerPort: ports.deployerA,
  });
  let b;
  try {
    await waitForReady(a, 150_000);
    b = startBackend('B', {
      configFile,
      port: ports.b,
      deployerPort: ports.deployerB,
    });
    await waitForReady(b, 150_000);
  } catch (error) {
    for (const r of [a, b].filter(Boolean)) {
      console.error(`--- replica ${r.name} (last lines)`);
      console.error(
        r.output
          .join('')
          .split('\n')
          .filter(line => !line.includes('/.backstage/health/v1/readiness'))
          .slice(-60)
          .join('\n'),
      );
    }
    throw error;
  }
  const startMs = Date.now() - startedAt;
  check(true, `both replicas ready (${(startMs / 1000).toFixed(1)} s)`);
  // OpsHub's own migrations take turns (opshub-node migrateAndConnect); a
  // restart may only come from Backstage's core services racing
  const restarts = [a, b].flatMap(r =>
    r.restarts.map(causes => ({ replica: r.name, causes })),
  );
  // OpsHub's migration tables are knex_migrations__opshub_plugin_*
  const ownRace = restarts.some(({ causes }) =>
    causes.some(c => c.cause.includes('knex_migrations__opshub')),
  );
  check(
    !ownRace,
    restarts.length === 0
      ? 'no replica had to be restarted'
      : `${
          restarts.length
        } restart(s), none caused by an OpsHub plugin's own migrations: ${restarts
          .map(
            r =>
              `${r.replica} (${r.causes
                .map(c => `${c.plugin}: ${c.cause.slice(0, 200)}`)
                .join('; ')})`,
          )
          .join(', ')}`,
  );

  // --- migrations once
  const migrations = await checkMigrations(db.url, db.prefix);
  const migrationsOk = check(
    migrations.databases > 0 &&
      migrations.migrations > 0 &&
      migrations.problems.length === 0,
    `migrations once: ${migrations.migrations} migrations in ${
      migrations.databases
    } databases, none recorded twice, no lock left${
      migrations.problems.length ? ` (${migrations.problems.join('; ')})` : ''
    }`,
  );

  // --- signal A -> B, and conflicts A vs B
  const token = await guestToken(a);
  const callA = api(a, token);
  const callB = api(b, token); // A's token: B verifies it with the shared keys
  const cluster = await ok(
    callA('POST', '/clusters', { name: 'two-instances' }),
    'create cluster',
  );
  const customer = await ok(
    callA('POST', '/customers', {
      clusterId: cluster.id,
      name: 'two-instances',
      namespace: 'two-instances',
    }),
    'create customer',
  );
  const release = await ok(
    callA('POST', '/releases', { name: 'two-instances', type: 'release' }),
    'create release',
  );
  for (let i = 1; i <= CONFLICT_ROUNDS + 1; i++) {
    await ok(
      callA('POST', `/releases/${release.id}/templates`, {
        name: `step ${i}`,
        category: 'deploy',
        type: 'text',
        content: `step ${i} of the two-instance test`,
      }),
      'add template',
    );
  }
  const channel = `release-orchestration:release:${release.id}`;
  const current = await ok(
    callA('GET', `/releases/${release.id}`),
    'get release',
  );
  await ok(
    callA('POST', `/releases/${release.id}/activate`, {
      version: current.version,
      customerIds: [customer.id],
    }),
    'activate release',
  );
  // The subscription has no acknowledgement: before timing, wait until a
  // change made through A arrives on B. Like the app's client, connect again
  // if nothing arrives (at most three connections).
  let signals;
  let warm;
  for (let attempt = 1; attempt <= 3 && !warm; attempt++) {
    signals = await connectSignals(b, token);
    signals.subscribe(channel);
    await sleep(200);
    const { version } = await ok(
      callA('GET', `/releases/${release.id}`),
      'get release',
    );
    await ok(
      callA('PATCH', `/releases/${release.id}`, {
        version,
        description: `warm-up ${attempt}`,
      }),
      'update release',
    );
    warm = await signals.next(
      m => m.channel === channel && m.message?.type === 'release.updated',
      5000,
    );
    if (!warm) log(`no signal on connection ${attempt} to B; connecting again`);
  }
  check(!!warm, `B's subscriber receives changes made through A (${channel})`);

  const { items: steps } = await ok(
    callA('GET', `/releases/${release.id}/customers/${customer.id}/steps`),
    'list steps',
  );
  const [first, ...others] = steps;
  const sent = Date.now();
  await ok(
    callA('POST', `/steps/${first.id}/done`, { version: first.version }),
    'mark done through A',
  );
  const answered = Date.now();
  const signal = await signals.next(
    m => m.channel === channel && m.message?.stepIds?.includes(first.id),
    SIGNAL_BUDGET_MS + 3000,
  );
  const signalMs = signal ? signal.at - sent : undefined;
  const signalOk = check(
    signal !== undefined && signalMs <= SIGNAL_BUDGET_MS,
    signal
      ? `step done through A reached B's subscriber in ${signalMs} ms from the request (${
          signal.at - answered
        } ms after A answered); budget ${SIGNAL_BUDGET_MS} ms`
      : `step done through A did not reach B's subscriber within ${
          SIGNAL_BUDGET_MS + 3000
        } ms`,
  );

  let conflictRounds = 0;
  const rounds = [];
  for (const step of others.slice(0, CONFLICT_ROUNDS)) {
    const results = await Promise.all(
      [callA, callB].map(call =>
        call('POST', `/steps/${step.id}/done`, { version: step.version }),
      ),
    );
    const statuses = results.map(r => r.status);
    rounds.push(`A ${statuses[0]} / B ${statuses[1]}`);
    const twoXx = statuses.filter(s => s >= 200 && s < 300).length;
    const conflicts = statuses.filter(s => s === 409).length;
    if (twoXx === 1 && conflicts === 1) conflictRounds++;
  }
  const conflictOk = check(
    conflictRounds === CONFLICT_ROUNDS,
    `concurrent mark-done of one step through A and B: ${rounds.join(
      ', ',
    )} (one 2xx and one 409 in ${conflictRounds} of ${CONFLICT_ROUNDS})`,
  );

  // --- each check once per interval
  const infraDb = new URL(db.url);
  infraDb.pathname = `/${db.prefix}infra-health`;
  const sampleTimes = async () =>
    withClient(infraDb.toString(), async client => {
      const { rows } = await client.query(
        `select c.name, s.sampled_at from health_samples s
           join health_checks c on c.id = s.check_id
          where c.name like 'two-instances check %'
          order by s.sampled_at`,
      );
      const byCheck = new Map();
      for (const row of rows) {
        const list = byCheck.get(row.name) ?? [];
        list.push(new Date(row.sampled_at).getTime());
        byCheck.set(row.name, list);
      }
      return byCheck;
    });
  log(
    `waiting for ${INTERVALS} intervals of ${INTERVAL_SECONDS} s of each of ${CHECKS} checks`,
  );
  const samples = await poll(
    'samples of every check',
    (INTERVALS + 4) * INTERVAL_SECONDS * 1000,
    async () => {
      const byCheck = await sampleTimes();
      return byCheck.size === CHECKS &&
        [...byCheck.values()].every(t => t.length >= INTERVALS + 1)
        ? byCheck
        : undefined;
    },
    1000,
  );
  let checksOk = true;
  for (let i = 1; i <= CHECKS; i++) {
    const times = samples.get(`two-instances check ${i}`);
    const hits = target.hits.get(`/check-${i}`) ?? [];
    const fromDb = oncePerInterval(times);
    const fromTarget = oncePerInterval(hits);
    checksOk =
      check(
        fromDb.ok && fromTarget.ok,
        `check ${i}: ${times.length} samples, gaps ${fromDb.gaps.join(
          ' ',
        )} s; target hit ${hits.length} times, gaps ${fromTarget.gaps.join(
          ' ',
        )} s`,
      ) && checksOk;
  }
  const observed = Math.min(...[...samples.values()].map(t => t.length - 1));

  // --- both stop cleanly
  const codes = await Promise.all([a.stop(), b.stop()]);
  check(
    codes.every(code => code === 0 || code === 'SIGTERM'),
    `both replicas stopped on SIGTERM (exit ${codes.join(', ')})`,
  );
  const logs = [a, b].map(r => r.output.join(''));
  check(
    logs.every(text => !/migration.*(fail|error)|already locked/i.test(text)),
    'no migration error in either log',
  );
  if (process.env.OPSHUB_TWO_INSTANCES_VERBOSE) {
    for (const r of [a, b]) {
      console.log(`--- replica ${r.name} log`);
      console.log(r.output.join(''));
    }
  }
  // the password is in the config file only
  check(
    logs.every(text => !text.includes(decodeURIComponent(db.url.password))),
    'the database password does not appear in either log',
  );

  const summary = [
    checksOk
      ? `checks once per interval (${CHECKS} checks x ${observed} intervals)`
      : 'checks NOT once per interval',
    signalOk ? `signal A->B in ${signalMs} ms` : 'signal A->B FAILED',
    conflictOk
      ? `conflict 1x2xx 1x409 (${CONFLICT_ROUNDS} of ${CONFLICT_ROUNDS} rounds)`
      : 'conflict FAILED',
    migrationsOk ? 'migrations once' : 'migrations NOT once',
    `${restarts.length} restart(s) at startup`,
  ];
  console.log(`two instances: ${summary.join(', ')}`);
  console.log(
    `[two-instances] replicas ready in ${(startMs / 1000).toFixed(
      1,
    )} s; total ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  return 'ran';
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`[two-instances] ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`[two-instances] cleanup failed: ${error.message}`);
    }
  }
}
if (failures.length) {
  console.error(`[two-instances] ${failures.length} check(s) failed`);
  exitCode = 1;
}
console.log(
  exitCode === 0 ? '[two-instances] passed' : '[two-instances] FAILED',
);
process.exit(exitCode);
