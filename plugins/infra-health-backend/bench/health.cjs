// `yarn bench:health`: 1,000 HTTP checks every 30 s through the real
// HealthService, Prober and DatabaseHealthStore of the infra-health backend.
//
// Run with `node -r @backstage/cli/config/nodeTransform.cjs` (the root
// script does) so that the TypeScript sources load as in the backend.
//
// - Targets: a loopback HTTP server in a child process (so that its CPU is
//   not counted): 80% of the checks answer at once, 10% answer after
//   800 ms (degraded, threshold 500 ms), 10% answer 500 (down).
// - Store: SQLite in a temporary file, or PostgreSQL when
//   BENCH_DATABASE_URL=postgresql://user@host:port is set (a scratch
//   database is created and dropped).
// - Schedule: as the plugin does it, a tick every 5 s claims the checks due
//   within 15 s (`startProbeRound`) and probes each at its due time; each
//   round's samples are written with one multi-row insert.
// - Duration: 120 s, or `--duration=SECONDS`.
//
// Measured: the CPU of this process (process.cpuUsage) over the run as a
// share of one core; the schedule lag of every probe (its start minus its
// due time) and its 99th percentile; the samples written; and the skipped
// checks: due times up to the last claim with no probe started for them.
const { fork } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const CHECKS = 1000;
const INTERVAL_S = 30;
const TICK_MS = 5000;
const LOOKAHEAD_MS = 15_000;
const log = (...args) => console.error('[bench:health]', ...args);

if (process.argv.includes('--targets')) {
  // the child: the loopback targets
  const server = http.createServer((req, res) => {
    if (req.url.startsWith('/slow')) {
      setTimeout(() => res.end('{"status":"ok"}'), 800);
    } else if (req.url.startsWith('/fail')) {
      res.writeHead(500);
      res.end('failing');
    } else {
      res.end('{"status":"ok"}');
    }
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () =>
    process.send({ port: server.address().port }),
  );
  process.on('message', message => message === 'stop' && process.exit(0));
  process.on('disconnect', () => process.exit(0));
  return;
}

const durationArg = process.argv.find(a => a.startsWith('--duration='));
const DURATION_S = durationArg ? Number(durationArg.split('=')[1]) : 120;
if (!(DURATION_S > 0)) {
  throw new Error('--duration must be a positive number of seconds');
}

const percentile = (values, p) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};

async function openDatabase() {
  const knexFactory = require('knex');
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    const name = `bench_health_${process.pid}_${Date.now()}`;
    const admin = knexFactory({ client: 'pg', connection: url });
    await admin.raw(`CREATE DATABASE ${name}`);
    const connection = new URL(url);
    connection.pathname = `/${name}`;
    const knex = knexFactory({
      client: 'pg',
      connection: connection.toString(),
      pool: { min: 0, max: 5 },
    });
    return {
      what: `PostgreSQL (${new URL(url).host})`,
      knex,
      async close() {
        await knex.destroy();
        await admin.raw(`DROP DATABASE IF EXISTS ${name}`);
        await admin.destroy();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-health-'));
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: path.join(dir, 'health.sqlite') },
    useNullAsDefault: true,
  });
  return {
    what: 'SQLite (file)',
    knex,
    async close() {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const { mockServices } = require('@backstage/backend-test-utils');
  const src = path.resolve(__dirname, '../src');
  const {
    DatabaseHealthStore,
  } = require(`${src}/database/DatabaseHealthStore.ts`);
  const { HealthService } = require(`${src}/service/HealthService.ts`);
  const { Prober } = require(`${src}/service/Prober.ts`);

  const targets = fork(__filename, ['--targets'], { stdio: 'inherit' });
  const port = await new Promise(resolve =>
    targets.on('message', m => m && m.port && resolve(m.port)),
  );
  const db = await openDatabase();
  log(`targets on 127.0.0.1:${port}; store: ${db.what}; ${DURATION_S} s`);

  const store = await DatabaseHealthStore.create({
    database: mockServices.database({
      knex: db.knex,
      migrations: { skip: false },
    }),
  });
  const lags = [];
  const started = new Set();
  // warnings and errors are printed; debug and info are not
  const logger = {
    debug() {},
    info() {},
    warn: message => log(`warn: ${message}`),
    error: message => log(`error: ${message}`),
    child() {
      return logger;
    },
  };
  const service = new HealthService({
    store,
    prober: new Prober(),
    logger,
    sampleRetentionDays: 7,
    onProbeStarted: ({ checkId, dueMs, startedMs }) => {
      lags.push(startedMs - dueMs);
      started.add(`${checkId}:${dueMs}`);
    },
  });
  const kindOf = i => ['slow', 'fail'][i % 10] ?? 'ok';
  await service.syncChecks(
    Array.from({ length: CHECKS }, (_, i) => ({
      name: `bench-${i}`,
      service: `bench-${i % 50}`,
      kind: 'http',
      url: `http://127.0.0.1:${port}/${kindOf(i)}/${i}`,
      method: 'GET',
      expectedStatus: 200,
      intervalSeconds: INTERVAL_S,
      timeoutMs: 5000,
      degradedLatencyMs: 500,
      failureThreshold: 2,
      successThreshold: 1,
      runbookUrl: null,
      maintenanceWindows: [],
      settings: {},
      headers: {},
    })),
  );
  const firstDue = new Map(
    (await store.listChecks({})).map(check => [check.id, check.nextRunMs]),
  );

  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const runStart = Date.now();
  let lastClaimMs = runStart;
  let claims = 0;
  const tick = async () => {
    lastClaimMs = Date.now();
    claims += await service.startProbeRound({ lookaheadMs: LOOKAHEAD_MS });
  };
  await tick();
  const timer = setInterval(() => {
    tick().catch(error => log(`tick failed: ${error}`));
  }, TICK_MS);
  await new Promise(resolve => setTimeout(resolve, DURATION_S * 1000));
  clearInterval(timer);
  // probes due after the last claim's moment were claimed ahead and are
  // cancelled by stop(); the rounds in flight finish and are written
  await service.stop();
  const cpu = process.cpuUsage(cpuStart);
  const wallMs = performance.now() - wallStart;

  let expected = 0;
  let skipped = 0;
  for (const [checkId, first] of firstDue) {
    for (let due = first; due <= lastClaimMs; due += INTERVAL_S * 1000) {
      expected += 1;
      if (!started.has(`${checkId}:${due}`)) skipped += 1;
    }
  }
  const [{ count }] = await db.knex('health_samples').count({ count: '*' });
  const cpuPercent = ((cpu.user + cpu.system) / 1000 / wallMs) * 100;

  console.log(
    `health: ${CHECKS} checks/${INTERVAL_S} s, cpu ${cpuPercent.toFixed(
      1,
    )}% of one core, p99 schedule lag ${Math.round(
      percentile(lags, 0.99),
    )} ms, samples written ${Number(count)}`,
  );
  console.log(
    `skipped checks: ${skipped} of ${expected} due probes (claims ${claims}, probes started ${
      lags.length
    }, p50 lag ${Math.round(percentile(lags, 0.5))} ms, max lag ${Math.round(
      Math.max(0, ...lags),
    )} ms, load ${os
      .loadavg()
      .map(v => v.toFixed(2))
      .join(' ')})`,
  );
  targets.send('stop');
  await db.close();
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
