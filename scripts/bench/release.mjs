// `yarn bench:release`: activation and matrix speed of release-orchestration.
// Starts its own embedded PostgreSQL in a fresh temporary folder (or, with
// BENCH_DATABASE_URL=postgresql://user@host:port, creates and drops a
// scratch database on that server), seeds 4 clusters × 250 customers and
// releases of 100 step templates, then (in release-worker.cjs, through the
// TypeScript service code) activates a release for all 1,000 customers
// (100,000 steps), taking turns with two hand-written INSERT … SELECTs of the
// same rows: into a copy of customer_steps with its primary key, unique key
// and extra indexes but no foreign keys or triggers (the floor), and into a
// copy with only the primary and unique keys (bare). Also times the first
// matrix read of one cluster (250 customers) right after each activation, and
// warm reads after. Prints medians.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres } from '../lib/embedded-pg.mjs';
import { choosePort } from '../lib/ports.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const log = (...args) => console.error('[bench]', ...args);
const median = values => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function runWorker(url) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        path.join(here, 'release-worker.cjs'),
        url,
      ],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        process.stderr.write(stderr);
        if (error) {
          reject(error);
          return;
        }
        const line = stdout.trim().split('\n').pop();
        resolve(JSON.parse(line));
      },
    );
  });
}

async function withServer(fn) {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const database = `bench_release_${process.pid}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    try {
      log(`creating database ${database} on BENCH_DATABASE_URL`);
      await admin.query(`create database "${database}"`);
      const url = new URL(external);
      url.pathname = `/${database}`;
      try {
        return await fn(url.toString());
      } finally {
        await admin.query(`drop database if exists "${database}"`);
      }
    } finally {
      await admin.end();
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-bench-pg-'));
  const port = await choosePort(55600, 'bench postgres', log);
  const password = `bench-${Math.random().toString(36).slice(2)}`;
  log(`starting embedded PostgreSQL on port ${port} in ${dataDir}`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port,
    password,
    log: () => {},
  });
  try {
    await server.query('postgres', 'CREATE DATABASE bench_release');
    return await fn(server.connectionString('bench_release'));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const result = await withServer(runWorker);
  const a = median(result.activation);
  const f = median(result.floor);
  const b = median(result.bare);
  const first = median(result.firstMatrix);
  const warm = median(result.matrix);
  console.log(
    `activation ${result.steps} steps: ${a.toFixed(2)} s; floor: ${f.toFixed(
      2,
    )} s (bare table ${b.toFixed(2)} s); ratio: ${(a / f).toFixed(
      2,
    )}x; vs bare: ${(a / b).toFixed(2)}x`,
  );
  console.log(
    `first matrix read after activation (1 cluster, 250 customers, ${
      result.matrixCells
    } cells): ${first.toFixed(0)} ms`,
  );
  console.log(`warm matrix read (same page): ${warm.toFixed(0)} ms`);
  console.log(
    `(medians of ${result.activation.length} activations and first reads, ${result.floor.length} floors, ${result.bare.length} bare inserts, ${result.matrix.length} warm reads (5 after each first read); targets: vs bare <= 2x, first read about the warm read, matrix <= 250 ms)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
