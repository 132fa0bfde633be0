// Boots the whole portal: embedded PostgreSQL 15 with the demo databases, the
// backend and the app dev server. Used by `yarn start` and the browser test.
// While it runs, <stateDir>/run/portal.json names the parts (pid, port, start
// time, log file) for `./opshub status`, and each part writes its output to
// <stateDir>/logs/<part>.log (the backend's as JSON lines, see logs.mjs).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  DataDirVersionError,
  startEmbeddedPostgres,
  stopOrphan,
} from './embedded-pg.mjs';
import { backendLineToJson, DailyLogFile } from './logs.mjs';
import { choosePort } from './ports.mjs';

export const repoRoot = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../..',
);
// The app runs its `start` script (`backstage-cli package start`) without
// `yarn workspace app start` around it: Yarn takes ~2 s to boot.
const backstageCli = path.join(
  repoRoot,
  'node_modules/@backstage/cli/bin/backstage-cli',
);
// The backend runs as `backstage-cli package start` runs it (the same TypeScript
// transform and source maps), under `node --watch` instead of the CLI's
// watcher: it restarts on a change to any file it loaded, like the CLI, and
// starts ~3 s sooner (the CLI takes ~2 s to load, and its chokidar watcher
// competes with the backend for the CPU while the backend loads).
const nodeTransform = path.join(
  repoRoot,
  'node_modules/@backstage/cli/config/nodeTransform.cjs',
);
const demoEnvironments = ['local', 'dev', 'uat'];
/**
 * The portal's PostgreSQL major version: 15, so that Debian's pg_dump and
 * pg_restore 15 (postgresql-client-15) can back it up (README, "Operations").
 */
export const portalPgMajor = 15;

/** Where a portal keeps its run state and logs. */
export function portalPaths(stateDir = path.join(repoRoot, '.opshub')) {
  return {
    stateDir,
    dataDir: path.join(stateDir, 'postgres'),
    runFile: path.join(stateDir, 'run', 'portal.json'),
    logsDir: path.join(stateDir, 'logs'),
    backupsDir: path.join(stateDir, 'backups'),
    secretsFile: path.join(stateDir, 'secrets.json'),
  };
}

/** Passwords of this data folder, made once and kept beside it (mode 600). */
export function loadSecrets(stateDir) {
  const file = path.join(stateDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = {
    pgPassword: crypto.randomBytes(18).toString('hex'),
    inspectorPassword: crypto.randomBytes(18).toString('hex'),
  };
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
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

/**
 * Creates the read-only inspector role and the three demo databases from
 * examples/databases, each only when missing, so a second run reuses them.
 */
async function prepareDemoDatabases(db, secrets, log) {
  await withClient(db.connectionString('postgres'), async client => {
    const role = await client.query(
      'SELECT 1 FROM pg_roles WHERE rolname = $1',
      ['opshub_inspector'],
    );
    const password = client.escapeLiteral(secrets.inspectorPassword);
    if (role.rowCount === 0) {
      await client.query(
        `CREATE ROLE opshub_inspector LOGIN PASSWORD ${password} IN ROLE pg_read_all_data`,
      );
    } else {
      await client.query(`ALTER ROLE opshub_inspector PASSWORD ${password}`);
    }
    await client.query(
      'ALTER ROLE opshub_inspector SET default_transaction_read_only = on',
    );
    for (const env of demoEnvironments) {
      const name = `opshub_demo_${env}`;
      const exists = await client.query(
        'SELECT 1 FROM pg_database WHERE datname = $1',
        [name],
      );
      if (exists.rowCount) continue;
      const sql = fs.readFileSync(
        path.join(repoRoot, 'examples/databases', `${env}.sql`),
        'utf8',
      );
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      try {
        await withClient(db.connectionString(name), c =>
          c.query(`BEGIN;\n${sql}\nCOMMIT;`),
        );
      } catch (error) {
        await client.query(`DROP DATABASE ${client.escapeIdentifier(name)}`);
        throw new Error(
          `loading examples/databases/${env}.sql failed: ${error.message}`,
        );
      }
      log(`created demo database ${name} from examples/databases/${env}.sql`);
    }
  });
}

/**
 * Loads examples/demo/<pluginId>.sql into each plugin's database once the
 * backend has migrated it. The files are idempotent; a second run adds nothing.
 */
async function seedPluginData(db, log) {
  const dir = path.join(repoRoot, 'examples/demo');
  if (!fs.existsSync(dir)) return;
  for (const file of fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.sql'))
    .sort()) {
    const pluginId = file.replace(/\.sql$/, '');
    const database = `backstage_plugin_${pluginId}`;
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    await withClient(db.connectionString(database), c =>
      c.query(`BEGIN;\n${sql}\nCOMMIT;`),
    );
    log(`demo data for ${pluginId} is in place (examples/demo/${file})`);
  }
}

async function waitForHttp(url, { timeoutMs, child, what }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(
        `${what} exited with code ${child.exitCode} before it served ${url}`,
      );
    }
    if (child?.opshubFailed) {
      throw new Error(
        `${what} exited before it served ${url} (its log says why)`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `${what} did not serve ${url} within ${Math.round(timeoutMs / 1000)} s`,
  );
}

/**
 * The process groups of a run that was killed without cleaning up (SIGKILL,
 * a closed terminal) would keep their ports: stop them before starting.
 */
async function stopLeftovers(pidFile, log) {
  if (!fs.existsSync(pidFile)) return;
  const pids = JSON.parse(fs.readFileSync(pidFile, 'utf8'));
  for (const pid of pids) {
    try {
      process.kill(-pid, 0);
    } catch {
      continue; // gone
    }
    log(`stopping processes (group ${pid}) left behind by an earlier run`);
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      // gone meanwhile
    }
  }
  fs.rmSync(pidFile, { force: true });
  await new Promise(r => setTimeout(r, 1000));
}

/**
 * Spawns `node <args>` in `cwd`, in its own process group. Each output line
 * goes to the console (`log`, prefixed) and to `file`: as JSON when `json`,
 * else as is.
 */
function startChild(name, cwd, args, env, log, file, json = false) {
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    detached: true, // own process group, so stop() reaches the grandchildren
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = new DailyLogFile(file);
  // closed once both pipes are drained (they may end after 'exit')
  let open = 2;
  for (const [streamName, stream] of [
    ['stdout', child.stdout],
    ['stderr', child.stderr],
  ]) {
    let buffer = '';
    const onLine = line => {
      if (!line) return;
      // `node --watch` keeps waiting for a change after its script exited
      if (/^Failed running '/.test(line)) child.opshubFailed = true;
      log(`[${name}] ${line}`);
      out.write(
        json
          ? `${JSON.stringify(backendLineToJson(line, streamName))}\n`
          : `${line}\n`,
      );
    };
    stream.on('data', chunk => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop();
      lines.forEach(onLine);
    });
    stream.on('end', () => {
      onLine(buffer);
      if (--open === 0) out.end();
    });
  }
  return child;
}

function writeRunFile(runFile, state) {
  fs.mkdirSync(path.dirname(runFile), { recursive: true });
  const tmp = `${runFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(tmp, runFile);
}

async function stopChild(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(r => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts everything and resolves once the app and the backend answer.
 * Returns { appUrl, backendUrl, stop, restart(part), children, db }.
 * `children` always holds the current backend and app processes; `restart`
 * replaces one of them (the `onRestart` callback hears about it).
 */
export async function startPortal({
  stateDir = path.join(repoRoot, '.opshub'),
  ports = {},
  log = console.log,
  childLog = log,
  app = true,
} = {}) {
  const paths = portalPaths(stateDir);
  const secrets = loadSecrets(stateDir);
  const pidFile = path.join(stateDir, 'pids.json');
  await stopLeftovers(pidFile, log);
  fs.rmSync(paths.runFile, { force: true });
  // before choosing ports, so a leftover postgres does not push us off ours
  await stopOrphan(paths.dataDir, log);
  const pgPort = await choosePort(
    ports.pg ?? 54329,
    'embedded PostgreSQL',
    log,
  );
  const backendPort = await choosePort(ports.backend ?? 7007, 'backend', log);
  // the dev-only demo deployer inside the backend (deployment-rollback)
  const deployerPort = await choosePort(
    Number(process.env.OPSHUB_DEMO_DEPLOYER_PORT) || 7017,
    'demo deployer',
    log,
  );
  const appPort = app
    ? await choosePort(ports.app ?? 3000, 'app', log)
    : undefined;
  // the backend's Prometheus metrics (packages/backend/src/instrumentation.js)
  const metricsPort = /^(0|off)$/i.test(process.env.OPSHUB_METRICS_PORT ?? '')
    ? 'off'
    : await choosePort(
        Number(process.env.OPSHUB_METRICS_PORT) || 9464,
        'metrics',
        log,
      );

  const t0 = Date.now();
  fs.mkdirSync(paths.logsDir, { recursive: true });
  const logFile = part => path.join(paths.logsDir, `${part}.log`);
  // postgres (and initdb) talk a lot: keep it in its log file only
  const pgLog = new DailyLogFile(logFile('postgres'));
  let db;
  try {
    db = await startEmbeddedPostgres({
      dataDir: paths.dataDir,
      port: pgPort,
      password: secrets.pgPassword,
      major: portalPgMajor,
      log: line => pgLog.write(`${line}\n`),
    });
  } catch (error) {
    pgLog.end();
    if (error instanceof DataDirVersionError) {
      throw new Error(
        `${error.message}. OpsHub's portal runs PostgreSQL ${error.wanted} since the operations commands (README, "Operations"). ` +
          `The folder holds only the demo data of ./opshub start: run \`./opshub reset --yes\` to drop it, then \`./opshub start\` again.`,
      );
    }
    throw error;
  }
  log(
    `embedded PostgreSQL ${db.major} ${
      db.fresh ? 'initialised and ' : ''
    }up on 127.0.0.1:${pgPort} (${Date.now() - t0} ms)`,
  );

  const state = {
    pid: process.pid,
    startedAt: new Date(t0).toISOString(),
    stateDir,
    metricsPort: metricsPort === 'off' ? null : metricsPort,
    parts: {
      postgres: {
        pid: db.pid(),
        port: pgPort,
        major: db.major,
        startedAt: new Date().toISOString(),
        log: logFile('postgres'),
      },
    },
  };
  const children = [];
  const remember = () => {
    fs.writeFileSync(pidFile, JSON.stringify(children.map(c => c.pid)));
    writeRunFile(paths.runFile, state);
  };
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    OPSHUB_PG_PORT: String(pgPort),
    OPSHUB_PG_PASSWORD: secrets.pgPassword,
    OPSHUB_INSPECTOR_PASSWORD: secrets.inspectorPassword,
    OPSHUB_BACKEND_PORT: String(backendPort),
    OPSHUB_DEMO_DEPLOYER_PORT: String(deployerPort),
    OPSHUB_METRICS_PORT: String(metricsPort),
    // the generic deployment webhook, which the demo deployer reports
    // through: a demo value unless set (deployment-rollback-backend README)
    OPSHUB_WEBHOOK_SECRET:
      process.env.OPSHUB_WEBHOOK_SECRET || 'opshub-demo-generic-secret',
    OPSHUB_APP_PORT: String(appPort ?? 3000),
    BROWSER: 'none',
  };
  const backendUrl = `http://localhost:${backendPort}`;
  const appUrl = app ? `http://localhost:${appPort}` : undefined;
  const metricsUrl =
    metricsPort === 'off'
      ? undefined
      : `http://localhost:${metricsPort}/metrics`;
  const parts = {
    backend: {
      cwd: path.join(repoRoot, 'packages/backend'),
      args: [
        '--watch',
        '--enable-source-maps',
        '--require',
        nodeTransform,
        // the OpenTelemetry Prometheus exporter is loaded first
        '--require',
        './src/instrumentation.js',
        'src/index.ts',
      ],
      json: true,
      port: backendPort,
      url: backendUrl,
      ready: `${backendUrl}/.backstage/health/v1/readiness`,
      timeoutMs: 180_000,
      what: 'the backend',
    },
    app: {
      cwd: path.join(repoRoot, 'packages/app'),
      args: [backstageCli, 'package', 'start'],
      json: false,
      port: appPort,
      url: appUrl,
      ready: appUrl,
      timeoutMs: 300_000,
      what: 'the app dev server',
    },
  };
  const launch = async part => {
    const spec = parts[part];
    const child = startChild(
      part,
      spec.cwd,
      spec.args,
      env,
      childLog,
      logFile(part),
      spec.json,
    );
    child.opshubPart = part;
    children.push(child);
    state.parts[part] = {
      pid: child.pid,
      port: spec.port,
      url: spec.url,
      startedAt: new Date().toISOString(),
      log: logFile(part),
      ready: false,
    };
    remember();
    await waitForHttp(spec.ready, {
      timeoutMs: spec.timeoutMs,
      child,
      what: spec.what,
    });
    state.parts[part].ready = true;
    remember();
    return child;
  };

  const stop = async () => {
    await Promise.all(children.map(stopChild));
    fs.rmSync(pidFile, { force: true });
    fs.rmSync(paths.runFile, { force: true });
    await db.stop();
    pgLog.end();
  };

  /**
   * Stops one part (backend or app) and starts it again; PostgreSQL stays up.
   * Resolves once the new process answers.
   */
  const restart = async part => {
    if (!parts[part] || (part === 'app' && !app)) {
      throw new Error(`cannot restart ${part}: not a part of this portal`);
    }
    const old = children.find(c => c.opshubPart === part);
    if (old) {
      old.opshubRestarting = true;
      await stopChild(old);
      children.splice(children.indexOf(old), 1);
    }
    const t = Date.now();
    const child = await launch(part);
    log(`${part} restarted (${Math.round((Date.now() - t) / 1000)} s)`);
    return child;
  };

  try {
    await prepareDemoDatabases(db, secrets, log);
    // the app dev server needs nothing from the backend to compile: both
    // start at once (on a warm start this saves the app's whole build time)
    const appUp = app
      ? launch('app').then(() =>
          log(
            `app up at ${appUrl} (${Math.round((Date.now() - t0) / 1000)} s)`,
          ),
        )
      : Promise.resolve();
    // awaited below; until then a failure must not be an unhandled rejection
    appUp.catch(() => {});
    await launch('backend');
    log(
      `backend up at ${backendUrl} (${Math.round((Date.now() - t0) / 1000)} s)`,
    );
    await seedPluginData(db, log);
    await appUp;
    state.ready = true;
    state.readyAt = new Date().toISOString();
    state.startSeconds = Number(((Date.now() - t0) / 1000).toFixed(1));
    remember();
    return {
      appUrl,
      backendUrl,
      metricsUrl,
      stop,
      restart,
      children,
      db,
      state,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
