// `yarn bench:release`: activation and matrix speed of release-orchestration.
// Starts its own embedded PostgreSQL in a fresh temporary folder, seeds 4
// clusters × 250 customers and releases of 100 step templates, then (in
// release-worker.cjs, through the TypeScript service code) activates a
// release for all 1,000 customers (100,000 steps) and times a hand-written
// INSERT … SELECT of the same rows (the floor), taking turns, and reads the
// matrix of one cluster (250 customers). Prints medians.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-bench-pg-'));
  const port = await choosePort(55600, 'bench postgres', log);
  const password = `bench-${Math.random().toString(36).slice(2)}`;
  log(`starting embedded PostgreSQL on port ${port} in ${dataDir}`);
  const pg = await startEmbeddedPostgres({
    dataDir,
    port,
    password,
    log: () => {},
  });
  let result;
  try {
    await pg.query('postgres', 'CREATE DATABASE bench_release');
    result = await runWorker(pg.connectionString('bench_release'));
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const a = median(result.activation);
  const f = median(result.floor);
  const m = median(result.matrix);
  console.log(
    `activation ${result.steps} steps: ${a.toFixed(2)} s; floor: ${f.toFixed(
      2,
    )} s; ratio: ${(a / f).toFixed(2)}x`,
  );
  console.log(
    `matrix read (1 cluster, 250 customers, ${
      result.matrixCells
    } cells): ${m.toFixed(0)} ms`,
  );
  console.log(
    `(medians of ${result.activation.length} activations, ${result.floor.length} floors, ${result.matrix.length} matrix reads; targets: ratio <= 1.5x, matrix <= 250 ms)`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
