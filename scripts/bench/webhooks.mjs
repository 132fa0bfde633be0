// `yarn bench:webhooks`: ingestion speed of signed GitHub deployment_status
// deliveries into the deployment-rollback backend.
//
// Starts its own embedded PostgreSQL in a fresh temporary folder (or, with
// BENCH_DATABASE_URL=postgresql://user@host:port, creates and drops a
// scratch database on that server), forks a real backend with the plugin
// (webhooks-worker.cjs) on a loopback port, and posts BENCH_DELIVERIES
// (default 10,000) signed `deployment_status` deliveries to
// `/api/deployment-rollback/webhooks/github` with BENCH_CONCURRENCY (default
// 16) requests in flight over as many keep-alive connections (undici Pool).
// 20% of the posts are redeliveries: the same X-GitHub-Delivery, body and
// signature as a delivery posted earlier. The unique ones are the queued,
// in_progress and success statuses of deployments spread over 20
// repositories and three environments. A warm-up of 500 deliveries (own
// keys, not counted) comes first.
//
// Measured from the client: throughput and the 99th percentile of the
// answer time. Then, from the database: the deliveries stored, duplicates
// (rows beyond one per key, and keys answered 202 more than once), and how
// long until every delivery was processed into `deployments`.
//
// The floor: the same posts as a bare loop of `INSERT … ON CONFLICT DO
// NOTHING RETURNING id` into a copy of webhook_deliveries (same columns,
// indexes and unique key), over one pg pool of as many connections as the
// backend's pool, with the same number in flight: the cheapest honest way to
// store them.
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';
import { startEmbeddedPostgres } from '../lib/embedded-pg.mjs';
import { choosePort } from '../lib/ports.mjs';

const require = createRequire(import.meta.url);
const { Pool: HttpPool } = require('undici');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const log = (...args) => console.error('[bench]', ...args);

const N = Number(process.env.BENCH_DELIVERIES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const POOL = Number(process.env.BENCH_POOL_MAX ?? 10);
const WARMUP = 500;
const REPOS = 20;
const SECRET = `bench-secret-${crypto.randomBytes(8).toString('hex')}`;
const PATH = '/api/deployment-rollback/webhooks/github';

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};
const load = () =>
  os
    .loadavg()
    .map(v => v.toFixed(2))
    .join(' ');

/**
 * `count` posts: 80% unique deliveries (queued, in_progress and success of
 * count*0.8/3 deployments), 20% redeliveries of a delivery at least
 * 2×CONCURRENCY posts earlier (already answered, as GitHub's redeliveries
 * are), in a fixed shuffled order.
 */
function makePosts(prefix, count, deploymentBase) {
  const unique = [];
  const uniqueCount = Math.round(count * 0.8);
  const states = ['queued', 'in_progress', 'success'];
  const envs = ['dev', 'uat', 'prod'];
  for (let i = 0; i < uniqueCount; i++) {
    const d = Math.floor(i / 3);
    const state = states[i % 3];
    const repo = d % REPOS;
    const body = JSON.stringify({
      action: 'created',
      deployment_status: {
        id: deploymentBase * 10 + i,
        state,
        environment: envs[d % 3],
        created_at: new Date(
          Date.UTC(2026, 10, 30, 9, 0, i % 60),
        ).toISOString(),
        creator: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      },
      deployment: {
        id: deploymentBase + d,
        sha: crypto.createHash('sha1').update(`${prefix}${d}`).digest('hex'),
        ref: `v1.${d}.0`,
        environment: envs[d % 3],
        payload: { version: `1.${d}.0` },
        creator: { login: 'octocat', id: 1, type: 'User' },
        created_at: '2026-11-30T09:00:00Z',
      },
      repository: {
        id: 42 + repo,
        name: `repo-${repo}`,
        full_name: `bench/repo-${repo}`,
        private: true,
      },
      sender: { login: 'octocat', id: 1, type: 'User' },
    });
    const signature = `sha256=${crypto
      .createHmac('sha256', SECRET)
      .update(body)
      .digest('hex')}`;
    unique.push({ key: `${prefix}-${i}`, body, signature });
  }
  // statuses of one deployment are sent in order; redeliveries interleaved
  const posts = unique.map(delivery => ({ ...delivery, redelivery: false }));
  const redeliveries = count - uniqueCount;
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let r = 0; r < redeliveries; r++) {
    const at =
      2 * CONCURRENCY + Math.floor(random() * (posts.length - 2 * CONCURRENCY));
    const original = posts[Math.floor(random() * (at - 2 * CONCURRENCY))];
    posts.splice(at, 0, { ...original, redelivery: true });
  }
  return { posts, uniqueCount };
}

/** Posts with `concurrency` in flight; resolves to per-post answers. */
async function postAll(client, posts, concurrency) {
  const results = new Array(posts.length);
  let next = 0;
  const start = performance.now();
  async function lane() {
    while (next < posts.length) {
      const index = next++;
      const post = posts[index];
      const t0 = performance.now();
      let status = 0;
      try {
        const res = await client.request({
          path: PATH,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-github-event': 'deployment_status',
            'x-github-delivery': post.key,
            'x-hub-signature-256': post.signature,
            'user-agent': 'GitHub-Hookshot/bench',
          },
          body: post.body,
        });
        status = res.statusCode;
        await res.body.text();
      } catch {
        status = 0;
      }
      results[index] = { status, ms: performance.now() - t0 };
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { results, seconds: (performance.now() - start) / 1000 };
}

/** The floor: the same posts as bare INSERT … ON CONFLICT DO NOTHING. */
async function floor(connectionString, posts, concurrency) {
  const pool = new pg.Pool({ connectionString, max: POOL });
  pool.on('error', error => log(`floor pool: ${error.message}`));
  try {
    await pool.query('DROP TABLE IF EXISTS bench_floor_deliveries');
    await pool.query(
      'CREATE TABLE bench_floor_deliveries (LIKE webhook_deliveries INCLUDING ALL)',
    );
    const sql = `INSERT INTO bench_floor_deliveries
      (provider, delivery_key, event, verified, outcome, error, attempts, payload, received_at, processed_at)
      VALUES ('github', $1, 'deployment_status', true, 'pending', null, 0, $2, now(), null)
      ON CONFLICT (provider, delivery_key) DO NOTHING RETURNING id`;
    const times = [];
    let next = 0;
    const start = performance.now();
    async function lane() {
      while (next < posts.length) {
        const post = posts[next++];
        const t0 = performance.now();
        await pool.query(sql, [post.key, post.body]);
        times.push(performance.now() - t0);
      }
    }
    await Promise.all(Array.from({ length: concurrency }, lane));
    const seconds = (performance.now() - start) / 1000;
    await pool.query('DROP TABLE bench_floor_deliveries');
    return { seconds, p99: percentile(times, 0.99) };
  } finally {
    await pool.end();
  }
}

async function withDatabase(fn) {
  const external = process.env.BENCH_DATABASE_URL;
  if (external) {
    const database = `bench_webhooks_${process.pid}`;
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
        await admin.query(`drop database if exists "${database}" with (force)`);
      }
    } finally {
      await admin.end();
    }
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-bench-pg-'));
  const port = await choosePort(55700, 'bench postgres', log);
  const password = `bench-${Math.random().toString(36).slice(2)}`;
  log(`starting embedded PostgreSQL on port ${port} in ${dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir, port, password });
  try {
    await server.query('postgres', 'CREATE DATABASE bench_webhooks');
    return await fn(server.connectionString('bench_webhooks'));
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startBackend(connectionString) {
  const port = await choosePort(7300, 'bench backend', log);
  const execArgv = ['-r', '@backstage/cli/config/nodeTransform.cjs'];
  if (process.env.BENCH_CPU_PROF) {
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`);
  }
  const child = fork(
    process.env.BENCH_WORKER ?? path.join(here, 'webhooks-worker.cjs'),
    [connectionString, SECRET, String(port), String(REPOS)],
    {
      cwd: root,
      execArgv,
      // the production logger writes a line per request: keep that cost
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    },
  );
  await new Promise((resolve, reject) => {
    // nodeTransform also talks on the IPC channel (the files it compiled)
    child.on('message', message => message?.port && resolve(message));
    child.once('exit', code => reject(new Error(`backend exited (${code})`)));
  });
  log(`backend up on 127.0.0.1:${port}`);
  return {
    port,
    stop: () =>
      new Promise(resolve => {
        child.once('exit', resolve);
        child.send('stop');
      }),
  };
}

async function main() {
  const loadBefore = load();
  const warmup = makePosts('warmup', WARMUP, 1_000_000);
  const run = makePosts('bench', N, 2_000_000);
  const result = await withDatabase(async connectionString => {
    const backend = await startBackend(connectionString);
    const client = new HttpPool(`http://127.0.0.1:${backend.port}`, {
      connections: CONCURRENCY,
      pipelining: 1,
    });
    const db = new pg.Pool({ connectionString, max: 2 });
    db.on('error', error => log(`bench pool: ${error.message}`));
    try {
      await postAll(client, warmup.posts, CONCURRENCY);
      const loadStart = load();
      const t0 = performance.now();
      const { results, seconds } = await postAll(
        client,
        run.posts,
        CONCURRENCY,
      );
      const loadEnd = load();
      // processing after the answers: wait until nothing is pending
      let pending = 1;
      while (pending > 0 && performance.now() - t0 < 600_000) {
        const { rows } = await db.query(
          "SELECT count(*)::int AS n FROM webhook_deliveries WHERE outcome = 'pending'",
        );
        pending = rows[0].n;
        if (pending > 0) await new Promise(r => setTimeout(r, 100));
      }
      const processedAfter = (performance.now() - t0) / 1000;
      const stored = await db.query(
        `SELECT count(*)::int AS rows, count(DISTINCT delivery_key)::int AS keys,
           count(*) FILTER (WHERE outcome = 'processed')::int AS processed
         FROM webhook_deliveries WHERE provider = 'github' AND delivery_key LIKE 'bench-%'`,
      );
      const deployments = await db.query(
        "SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'succeeded')::int AS ok FROM deployments WHERE external_id LIKE 'github:deployment:2%'",
      );
      const accepted = new Map();
      for (let i = 0; i < run.posts.length; i++) {
        if (results[i].status === 202) {
          const key = run.posts[i].key;
          accepted.set(key, (accepted.get(key) ?? 0) + 1);
        }
      }
      const extraAcks = [...accepted.values()].reduce((a, n) => a + n - 1, 0);
      const statuses = {};
      for (const r of results)
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      await backend.stop();
      const floorResult = await floor(connectionString, run.posts, CONCURRENCY);
      return {
        results,
        seconds,
        statuses,
        stored: stored.rows[0],
        extraAcks,
        deployments: deployments.rows[0],
        processedAfter,
        pending,
        floor: floorResult,
        loadStart,
        loadEnd,
      };
    } finally {
      await client.close();
      await db.end();
    }
  });

  const times = result.results.map(r => r.ms);
  const duplicates = result.stored.rows - result.stored.keys + result.extraAcks;
  console.log(
    `webhooks: ${N} deliveries, ${Math.round(
      N / result.seconds,
    )}/s, p99 ${percentile(times, 0.99).toFixed(1)} ms, stored ${
      result.stored.rows
    }, duplicates ${duplicates}`,
  );
  console.log(
    `  answers ${JSON.stringify(result.statuses)}; p50 ${percentile(
      times,
      0.5,
    ).toFixed(1)} ms; ${run.uniqueCount} unique, ${
      N - run.uniqueCount
    } redeliveries; ${CONCURRENCY} in flight, backend pool ${POOL}`,
  );
  console.log(
    `  processed: ${result.stored.processed} of ${result.stored.rows} into ${
      result.deployments.n
    } deployments (${result.deployments.ok} succeeded), ${
      result.pending === 0 ? 'none pending' : `${result.pending} STILL PENDING`
    } ${result.processedAfter.toFixed(1)} s after the first post`,
  );
  console.log(
    `floor: ${N} bare INSERT … ON CONFLICT DO NOTHING, ${Math.round(
      N / result.floor.seconds,
    )}/s, p99 ${result.floor.p99.toFixed(
      1,
    )} ms (pg pool ${POOL}, ${CONCURRENCY} in flight)`,
  );
  console.log(
    `load average (1/5/15 min): ${loadBefore} before, ${
      result.loadStart
    } at the start of the run, ${result.loadEnd} at its end; ${
      os.cpus().length
    } cores; PostgreSQL: ${
      process.env.BENCH_DATABASE_URL
        ? 'BENCH_DATABASE_URL'
        : 'embedded (fsync off)'
    }`,
  );
  console.log(
    '(goal: >= 2,000 deliveries/s at p99 <= 50 ms on 2 cores, duplicates 0)',
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
