#!/usr/bin/env node
// `yarn test:smoke`: the production smoke test. Builds the backend bundle
// (`backstage-cli package build` in packages/backend: the app, the backend
// and every local plugin it uses), unpacks it into a temp dir as a deployment
// would, starts it with NODE_ENV=production and app-config.yaml +
// app-config.production.yaml against Debian's PostgreSQL 15, and checks:
// readiness, GitHub sign-in offered and guest off, one authenticated route of
// each OpsHub plugin (a static external access token), and 401 without a
// token. Then it starts the same bundle a second time on the same databases,
// as a second replica, and checks that B serves the same routes, that a write
// through A is read through B, that the same create through A and B at once
// gives 201 and 409, and that every migration ran once. Prints build and
// start times; stops everything it started.
//
//   OPSHUB_SMOKE_PG_URL=postgresql://postgres@127.0.0.1:54315  use that server
//     instead of starting one (databases get a unique prefix and are dropped)
//   OPSHUB_SMOKE_SKIP_BUILD=1  reuse packages/backend/dist from a previous build
//   OPSHUB_SMOKE_VERBOSE=1  print the backend's log at the end
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDebianPostgres } from './lib/debian-pg.mjs';
import { repoRoot } from './lib/portal.mjs';
import { checkMigrations } from './lib/migrations.mjs';
import { choosePort } from './lib/ports.mjs';

const backendDir = path.join(repoRoot, 'packages/backend');
const yarnRelease = path.join(repoRoot, '.yarn/releases/yarn-4.13.0.cjs');
const cleanups = [];
const figures = [];
const failures = [];

const seconds = ms => `${(ms / 1000).toFixed(1)} s`;
const log = message => console.log(`[smoke] ${message}`);

function check(ok, what) {
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${what}`);
  if (!ok) failures.push(what);
}

/** `backstage-cli package build` spawns `yarn`; give it the committed one. */
function yarnOnPath(tmp) {
  if (spawnSync('yarn', ['--version'], { stdio: 'ignore' }).status === 0) {
    return process.env.PATH;
  }
  const dir = path.join(tmp, 'bin');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'yarn'),
    `#!/bin/sh\nexec "${process.execPath}" "${yarnRelease}" "$@"\n`,
    { mode: 0o755 },
  );
  return `${dir}${path.delimiter}${process.env.PATH}`;
}

function build(tmp) {
  if (process.env.OPSHUB_SMOKE_SKIP_BUILD) {
    log('OPSHUB_SMOKE_SKIP_BUILD: reusing packages/backend/dist');
    return;
  }
  const started = Date.now();
  log('building the backend bundle: backstage-cli package build');
  const r = spawnSync(
    path.join(repoRoot, 'node_modules/.bin/backstage-cli'),
    ['package', 'build'],
    {
      cwd: backendDir,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, PATH: yarnOnPath(tmp) },
    },
  );
  if (r.status !== 0)
    throw new Error(`backend build failed (exit ${r.status})`);
  figures.push(['build (backstage-cli package build)', Date.now() - started]);
}

/**
 * Unpacks dist/bundle.tar.gz (the workspace packages, built) into `dir`.
 * Third-party modules come from the repo's node_modules, which this lockfile
 * installed: the same versions `yarn workspaces focus --production` would
 * fetch. The workspace packages resolve to the unpacked, built copies.
 */
function unpack(dir) {
  const started = Date.now();
  const bundle = path.join(backendDir, 'dist/bundle.tar.gz');
  if (!fs.existsSync(bundle)) throw new Error(`no ${bundle}; build first`);
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('tar', ['xzf', bundle, '-C', dir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not unpack the bundle');

  const workspaces = new Map();
  for (const parent of ['packages', 'plugins']) {
    for (const name of fs.readdirSync(path.join(dir, parent))) {
      const pkg = JSON.parse(
        fs.readFileSync(path.join(dir, parent, name, 'package.json'), 'utf8'),
      );
      workspaces.set(pkg.name, path.join(dir, parent, name));
    }
  }
  const modules = path.join(dir, 'node_modules');
  const repoModules = path.join(repoRoot, 'node_modules');
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(repoModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      fs.mkdirSync(path.join(modules, entry));
      for (const sub of fs.readdirSync(path.join(repoModules, entry))) {
        const name = `${entry}/${sub}`;
        if (workspaces.has(name)) continue;
        fs.symlinkSync(path.join(repoModules, name), path.join(modules, name));
      }
    } else if (!workspaces.has(entry)) {
      fs.symlinkSync(path.join(repoModules, entry), path.join(modules, entry));
    }
  }
  for (const [name, target] of workspaces) {
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.symlinkSync(target, path.join(modules, name));
  }
  for (const file of [
    'app-config.yaml',
    'app-config.production.yaml',
    'catalog-info.yaml',
  ]) {
    fs.copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  }
  figures.push(['unpack the bundle', Date.now() - started]);
  return workspaces;
}

async function database(tmp) {
  const shared = process.env.OPSHUB_SMOKE_PG_URL;
  const prefix = `opshub_smoke_${crypto.randomBytes(4).toString('hex')}_`;
  if (shared) {
    log(`using PostgreSQL at ${new URL(shared).host} (OPSHUB_SMOKE_PG_URL)`);
    const url = new URL(shared);
    // drop the databases this run created
    cleanups.push(async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: shared });
      await client.connect();
      const { rows } = await client.query(
        'select datname from pg_database where starts_with(datname, $1)',
        [prefix],
      );
      for (const { datname } of rows) {
        await client.query(
          `drop database ${client.escapeIdentifier(datname)} with (force)`,
        );
      }
      await client.end();
      log(`dropped ${rows.length} smoke databases (${prefix}*)`);
    });
    return { url, prefix };
  }
  const started = Date.now();
  const password = crypto.randomBytes(12).toString('hex');
  const pg = await startDebianPostgres({
    version: 15,
    port: await choosePort(55435, 'smoke PostgreSQL 15'),
    password,
    log,
  });
  if (!pg) {
    throw new Error(
      'Debian PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): apt-get install postgresql-15, or set OPSHUB_SMOKE_PG_URL',
    );
  }
  cleanups.push(() => pg.stop());
  figures.push(['start PostgreSQL 15 (initdb + start)', Date.now() - started]);
  void tmp;
  return { url: new URL(pg.connectionString), prefix };
}

function startBackend(dir, env) {
  const child = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = [];
  const keep = chunk => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise(resolve => child.on('exit', resolve));
  cleanups.push(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  });
  return { child, output, exited };
}

async function waitForReady(baseUrl, backend, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.child.exitCode !== null) {
      throw new Error(`the backend exited with ${backend.child.exitCode}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new Error(`not ready after ${seconds(timeoutMs)}`);
}

async function main() {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-smoke-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));

  build(tmp);
  const dir = path.join(tmp, 'deploy');
  unpack(dir);
  const { url: pgUrl, prefix } = await database(tmp);

  const port = await choosePort(7107, 'smoke backend');
  const baseUrl = `http://127.0.0.1:${port}`;
  const token = crypto.randomBytes(24).toString('base64url');
  const secrets = {
    AUTH_SESSION_SECRET: crypto.randomBytes(24).toString('hex'),
    AUTH_GITHUB_CLIENT_SECRET: `smoke-${crypto.randomBytes(8).toString('hex')}`,
  };
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? tmp,
    NODE_ENV: 'production',
    APP_BASE_URL: baseUrl,
    BACKEND_BASE_URL: baseUrl,
    BACKEND_PORT: String(port),
    BACKEND_HOST: '127.0.0.1',
    POSTGRES_HOST: pgUrl.hostname,
    POSTGRES_PORT: pgUrl.port || '5432',
    POSTGRES_USER: decodeURIComponent(pgUrl.username),
    POSTGRES_PASSWORD: decodeURIComponent(pgUrl.password),
    AUTH_GITHUB_CLIENT_ID: 'opshub-smoke-client',
    OPSHUB_ADMIN_GROUP: 'group:default/platform-team',
    ...secrets,
    // unique database names, so a shared server is left as it was
    APP_CONFIG_backend_database_prefix: prefix,
    // a static token for this run: the supported way for a script to call
    // the API (https://backstage.io/docs/auth/service-to-service-auth)
    APP_CONFIG_backend_auth_externalAccess: JSON.stringify([
      { type: 'static', options: { token, subject: 'opshub-smoke-test' } },
    ]),
  };

  const startedAt = Date.now();
  log(`starting the bundle on ${baseUrl} (NODE_ENV=production)`);
  const backend = startBackend(dir, env);
  try {
    await waitForReady(baseUrl, backend, 180_000);
  } catch (error) {
    console.error(backend.output.join('').split('\n').slice(-60).join('\n'));
    throw error;
  }
  figures.push(['start to readiness', Date.now() - startedAt]);
  check(true, 'GET /.backstage/health/v1/readiness: 200');

  const get = async (route, headers = {}) => {
    const started = Date.now();
    const res = await fetch(`${baseUrl}${route}`, {
      headers,
      redirect: 'manual',
    });
    const text = await res.text();
    return { status: res.status, text, ms: Date.now() - started, res };
  };
  const auth = { Authorization: `Bearer ${token}` };

  const routes = [
    '/api/release-orchestration/releases',
    '/api/deployment-rollback/environments',
    '/api/infra-health/checks',
    '/api/devops-inspector/environments',
    '/api/catalog/entities?limit=1',
  ];
  for (const route of routes) {
    const withToken = await get(route, auth);
    check(
      withToken.status === 200,
      `GET ${route} with a token: ${withToken.status} (${withToken.ms} ms)`,
    );
    const without = await get(route);
    check(
      without.status === 401,
      `GET ${route} without a token: ${without.status}`,
    );
    const wrong = await get(route, { Authorization: 'Bearer not-a-token' });
    check(
      wrong.status === 401,
      `GET ${route} with a wrong token: ${wrong.status}`,
    );
  }

  // sign-in: GitHub is offered, guest is not
  const github = await get('/api/auth/github/start?env=production');
  const location = github.res.headers.get('location') ?? '';
  check(
    github.status === 302 &&
      location.startsWith('https://github.com/login/oauth/authorize'),
    `GET /api/auth/github/start: ${github.status} to ${location.split('?')[0]}`,
  );
  const guest = await get('/api/auth/guest/refresh?env=production');
  check(guest.status === 404, `GET /api/auth/guest/refresh: ${guest.status}`);

  // the frontend is served with the production config
  const index = await get('/');
  check(index.status === 200, `GET / (the app): ${index.status}`);
  // the config the backend injects into the app: it must tell the app to
  // offer GitHub (auth.environment) and carry no secret
  const injected =
    /<script type="backstage\.io\/config">([\s\S]*?)<\/script>/.exec(
      index.text,
    );
  const appConfigs = injected ? JSON.parse(injected[1]) : [];
  const environment = appConfigs
    .map(c => c.data?.auth?.environment)
    .filter(Boolean)
    .pop();
  check(
    environment === 'production',
    `the app's config has auth.environment=${environment} (GitHub sign-in)`,
  );
  check(
    !Object.values(secrets).some(value => index.text.includes(value)) &&
      !index.text.includes(token),
    "no secret in the app's injected config",
  );

  // production loads the OpsHub policy (allow-all is development only)
  const seen = backend.output.join('');
  check(
    seen.includes(
      'OpsHub policy: admin group is group:default/platform-team',
    ) && !/allow-all/i.test(seen),
    'the OpsHub permission policy is loaded, not allow-all',
  );

  // nothing secret in the log
  for (const [name, value] of Object.entries({ ...secrets, token })) {
    check(!seen.includes(value), `${name} does not appear in the backend log`);
  }

  // a second replica of the same bundle on the same databases, started once
  // the first is ready (a simultaneous first start on an empty database can
  // leave Backstage's own migration lock held: docs/operations.md)
  const portB = await choosePort(port + 1, 'smoke backend B');
  const baseUrlB = `http://127.0.0.1:${portB}`;
  const startedB = Date.now();
  log(`starting replica B of the bundle on ${baseUrlB}`);
  const backendB = startBackend(dir, {
    ...env,
    BACKEND_PORT: String(portB),
    BACKEND_BASE_URL: baseUrlB,
  });
  try {
    await waitForReady(baseUrlB, backendB, 180_000);
  } catch (error) {
    console.error(backendB.output.join('').split('\n').slice(-60).join('\n'));
    throw error;
  }
  figures.push(['replica B: start to readiness', Date.now() - startedB]);
  check(true, 'replica B: GET /.backstage/health/v1/readiness: 200');
  const call = async (base, method, route, body) => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  };
  for (const route of routes) {
    const { status } = await call(baseUrlB, 'GET', route);
    check(status === 200, `replica B: GET ${route} with a token: ${status}`);
  }
  // one state: a cluster created through A is read through B, and the same
  // cluster created through A and B at once is created once (201 + 409)
  const cluster = `smoke-${crypto.randomBytes(3).toString('hex')}`;
  const created = await call(
    baseUrl,
    'POST',
    '/api/release-orchestration/clusters',
    {
      name: cluster,
    },
  );
  const readB = await call(
    baseUrlB,
    'GET',
    `/api/release-orchestration/clusters/${cluster}`,
  );
  check(
    created.status === 201 &&
      readB.status === 200 &&
      readB.json?.name === cluster,
    `a cluster created through A (${created.status}) is read through B (${readB.status})`,
  );
  const twin = `${cluster}-twin`;
  const both = await Promise.all(
    [baseUrl, baseUrlB].map(base =>
      call(base, 'POST', '/api/release-orchestration/clusters', { name: twin }),
    ),
  );
  const statuses = both.map(r => r.status).sort();
  check(
    statuses[0] === 201 && statuses[1] === 409,
    `the same cluster created through A and B at once: ${statuses.join(
      ' and ',
    )}`,
  );
  const migrations = await checkMigrations(pgUrl.toString(), prefix);
  check(
    migrations.databases > 0 && migrations.problems.length === 0,
    `migrations ran once: ${migrations.migrations} migrations in ${
      migrations.databases
    } databases, each recorded once, no lock left${
      migrations.problems.length ? ` (${migrations.problems.join('; ')})` : ''
    }`,
  );
  const seenB = backendB.output.join('');
  check(
    !seenB.includes('events backend not found'),
    'replica B uses the events backend (signals and events cross replicas)',
  );
  for (const [name, value] of Object.entries({ ...secrets, token })) {
    check(!seenB.includes(value), `${name} does not appear in replica B's log`);
  }

  const stopping = Date.now();
  backend.child.kill('SIGTERM');
  backendB.child.kill('SIGTERM');
  const [code, codeB] = await Promise.all(
    [backend, backendB].map((b, i) =>
      b.exited.then(exitCode => {
        figures.push([
          `stop replica ${'AB'[i]} (SIGTERM to exit)`,
          Date.now() - stopping,
        ]);
        return exitCode;
      }),
    ),
  );
  check(
    [code, codeB].every(c => c === 0 || c === null),
    `both replicas stopped on SIGTERM (exit ${code} and ${codeB})`,
  );

  if (process.env.OPSHUB_SMOKE_VERBOSE) {
    console.log('\n[smoke] backend log');
    console.log(backend.output.join(''));
  }
  console.log('\n[smoke] figures');
  for (const [what, ms] of figures) console.log(`  ${what}: ${seconds(ms)}`);
  console.log(`  total: ${seconds(Date.now() - t0)}`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`[smoke] ${error.stack ?? error}`);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`[smoke] cleanup failed: ${error.message}`);
    }
  }
}
if (failures.length) {
  console.error(`[smoke] ${failures.length} check(s) failed`);
  exitCode = 1;
}
console.log(exitCode === 0 ? '[smoke] passed' : '[smoke] FAILED');
process.exit(exitCode);
