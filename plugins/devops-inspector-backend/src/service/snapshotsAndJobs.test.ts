import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { SignalsService } from '@backstage/plugin-signals-node';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import {
  CompareJob,
  CompareJobPhase,
  compareJobSignalChannel,
  CompareResult,
  inspectorEnvironmentReadPermission,
  inspectorSchemaComparePermission,
  inspectorSnapshotCreatePermission,
  MultiCompareResult,
  SchemaSnapshotSummary,
  snapshotRef,
} from '@opshub/plugin-devops-inspector-common';
import {
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
  SOURCE_SQL,
  TARGET_SQL,
} from '@opshub/schema-compare/testUtils';
import { runCli } from '@opshub/schema-compare';
import express from 'express';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { ActivityStore } from '../database/ActivityStore';
import { DatabaseActivityStore } from '../database/DatabaseActivityStore';
import { DatabaseCompareJobStore } from '../database/DatabaseCompareJobStore';
import { DatabaseSnapshotStore } from '../database/DatabaseSnapshotStore';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import { servicesWith } from '../testing/services';
import { CompareJobService } from './CompareJobService';
import { DriftService } from './DriftService';
import { InspectorService } from './InspectorService';
import { createRouter } from './router';
import { SchemaCompareService } from './SchemaCompareService';
import { SnapshotService } from './SnapshotService';

jest.setTimeout(120_000);

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;
const { ids, init } = createTestDatabases();

const OTHER_USER = 'user:default/other';
const PHASES: CompareJobPhase[] = ['source', 'targets', 'diff', 'done'];

/** A compare result without its time, to compare two runs. */
function timeless(result: MultiCompareResult) {
  return {
    ...result,
    generatedAt: 'x',
    results: result.results.map(r => ({ ...r, generatedAt: 'x' })),
  };
}

async function eventually<T>(
  fn: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > end) {
      throw new Error(`Timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

describeIfPostgres(
  `schema snapshots and compare jobs on PostgreSQL${
    serverUrl ? '' : POSTGRES_SKIP_NOTE
  }`,
  () => {
    const dbs: ScratchDatabase[] = [];
    let postgres: ReadOnlyPostgres;
    let activity: ActivityStore;
    let compare: SchemaCompareService;
    let snapshots: SnapshotService;
    let compareJobs: CompareJobService;
    let jobStore: DatabaseCompareJobStore;
    let drift: DriftService;
    let inspector: InspectorService;
    const published: Array<Parameters<SignalsService['publish']>[0]> = [];
    const signals: SignalsService = {
      publish: async signal => {
        published.push(signal);
      },
    };

    beforeAll(async () => {
      for (const sql of [SOURCE_SQL, TARGET_SQL]) {
        const db = await createScratchDatabase(serverUrl!);
        await db.client.query(sql);
        dbs.push(db);
      }
      const environments = [
        { name: 'local', tier: 'local' as const, connection: dbs[0].url },
        { name: 'dev', tier: 'dev' as const, connection: dbs[1].url },
      ].map(e => ({
        ...e,
        label: e.name,
        // long enough for the cancel test's lock wait
        statementTimeoutMs: 60_000,
        poolSize: 2,
      }));
      postgres = new ReadOnlyPostgres({ environments });
      const databases = new ReadOnlyEnvironmentDatabases({
        environments,
        postgres,
      });
      const database = mockServices.database({
        knex: await init(ids[0]),
        migrations: { skip: false },
      });
      activity = await DatabaseActivityStore.create({ database });
      const snapshotStore = await DatabaseSnapshotStore.create({ database });
      snapshots = new SnapshotService({
        databases,
        store: snapshotStore,
        activity,
      });
      compare = new SchemaCompareService({
        databases,
        snapshots,
        store: activity,
      });
      jobStore = await DatabaseCompareJobStore.create({ database });
      compareJobs = new CompareJobService({
        store: jobStore,
        comparer: compare,
        activity,
        signals,
        pollIntervalMs: 100,
      });
      drift = new DriftService({ databases, store: snapshotStore });
      inspector = new InspectorService({ databases, store: activity });
    });

    afterAll(async () => {
      await compareJobs?.stop();
      await postgres?.close();
      await Promise.all(dbs.map(db => db.drop()));
    });

    /** The router with every permission allowed but `denied` ones. */
    async function app(denied: Array<[string, string]> = []) {
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result: denied.some(
              ([permission, ref]) =>
                r.permission.name === permission &&
                'resourceRef' in r &&
                r.resourceRef === ref,
            )
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          })),
      });
      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions,
        services: servicesWith({
          compare,
          compareJobs,
          snapshots,
          drift,
          inspector,
        }),
      });
      return express().use(router).use(mockErrorHandler());
    }

    async function takeSnapshot(environment: string, label?: string) {
      const res = await request(await app())
        .post('/snapshots')
        .send({ environment, ...(label ? { label } : {}) });
      expect(res.status).toBe(201);
      return res.body as SchemaSnapshotSummary;
    }

    async function waitForJob(server: express.Express, id: string) {
      return eventually(async () => {
        const res = await request(server).get(`/compare/jobs/${id}`);
        expect(res.status).toBe(200);
        const job = res.body as CompareJob;
        return job.state === 'running' ? undefined : job;
      }, `job ${id} to end`);
    }

    it('round-trips a snapshot: compared with the live database it has no difference', async () => {
      const snapshot = await takeSnapshot('dev', 'baseline');
      expect(snapshot).toMatchObject({
        environment: 'dev',
        label: 'baseline',
        takenBy: 'user:default/mock',
      });
      expect(snapshot.objectCount).toBeGreaterThan(20);
      expect(snapshot.sizeBytes).toBeGreaterThan(100);

      const res = await request(await app())
        .post('/compare')
        .send({ source: snapshotRef(snapshot.id), targets: ['dev'] });
      expect(res.status).toBe(200);
      const body = res.body as MultiCompareResult;
      expect(body.source).toBe(
        `dev@${snapshot.takenAt.slice(0, 19)}Z (baseline)`,
      );
      const [result] = body.results as CompareResult[];
      expect(result.target).toBe('dev');
      expect(result.summary.total).toBe(0);
      expect(result.differences).toEqual([]);
      expect(result.migrationSql).toBe('');
    });

    it('compares a snapshot exactly like the live environment it was taken of', async () => {
      const snapshot = await takeSnapshot('local');
      const server = await app();
      const live = await request(server)
        .post('/compare')
        .send({ source: 'local', targets: ['dev'] });
      const stored = await request(server)
        .post('/compare')
        .send({ source: 'dev', targets: [snapshotRef(snapshot.id)] });
      const reverse = await request(server)
        .post('/compare')
        .send({ source: snapshotRef(snapshot.id), targets: ['dev'] });
      expect([live.status, stored.status, reverse.status]).toEqual([
        200, 200, 200,
      ]);
      const liveResult = live.body.results[0] as CompareResult;
      const snapshotResult = reverse.body.results[0] as CompareResult;
      expect(liveResult.summary.total).toBeGreaterThan(20);
      expect(snapshotResult.differences).toEqual(liveResult.differences);
      expect(snapshotResult.migrationSql).toBe(liveResult.migrationSql);
      // the other direction: what the local snapshot lacks of dev
      expect((stored.body.results[0] as CompareResult).target).toBe(
        `local@${snapshot.takenAt.slice(0, 19)}Z`,
      );
      expect(
        (stored.body.results[0] as CompareResult).summary.total,
      ).toBeGreaterThan(20);
    });

    it('lists snapshots newest first, of readable environments only', async () => {
      const first = await takeSnapshot('local', 'one');
      const second = await takeSnapshot('local', 'two');
      const res = await request(await app())
        .get('/snapshots')
        .query({ environment: 'local', limit: 2 });
      expect(res.status).toBe(200);
      expect(res.body.items.map((s: SchemaSnapshotSummary) => s.id)).toEqual([
        second.id,
        first.id,
      ]);
      expect(res.body.total).toBeGreaterThanOrEqual(3);

      const all = await request(
        await app([[inspectorEnvironmentReadPermission.name, 'local']]),
      ).get('/snapshots');
      expect(all.status).toBe(200);
      expect(all.body.items.length).toBeGreaterThan(0);
      expect(
        all.body.items.every(
          (s: SchemaSnapshotSummary) => s.environment === 'dev',
        ),
      ).toBe(true);

      const entries = await activity.list({ limit: 50, offset: 0 });
      expect(entries.items).toContainEqual(
        expect.objectContaining({
          action: 'snapshot.create',
          environment: 'local',
          actor: 'user:default/mock',
          details: expect.objectContaining({ snapshotId: second.id }),
        }),
      );
    });

    it('downloads a stored snapshot as a file the CLI compares with the live database', async () => {
      const stored = await takeSnapshot('dev', 'release 4.2');
      const server = await app();
      const res = await request(server).get(`/snapshots/${stored.id}/file`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const at = stored.takenAt.slice(0, 19).replace(/[-:]/g, '');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="schema-snapshot-dev-${at}Z.json"`,
      );
      // no connection string, so no credentials
      expect(res.text).not.toContain('postgresql://');
      expect(JSON.parse(res.text)).toMatchObject({
        format: 'opshub-schema-snapshot',
        version: 1,
        takenAt: stored.takenAt,
        source: `dev@${stored.takenAt.slice(0, 19)}Z (release 4.2)`,
      });

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-file-'));
      try {
        const file = path.join(dir, 'baseline.json');
        fs.writeFileSync(file, res.text);
        const out: string[] = [];
        const io = {
          stdout: (t: string) => out.push(t),
          stderr: (t: string) => out.push(t),
        };
        // the same schema: no difference
        expect(
          await runCli(['compare', file, dbs[1].url, '--fail-on', 'any'], io),
        ).toBe(0);
        expect(out.join('')).toContain('Differences: 0');
        // another schema: the differences of the live compare
        expect(
          await runCli(['compare', file, dbs[0].url, '--fail-on', 'any'], io),
        ).toBe(1);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }

      const malformed = await request(server).get('/snapshots/nope/file');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('must be a UUID');
      const unknown = await request(server).get(
        '/snapshots/00000000-0000-4000-8000-000000000000/file',
      );
      expect(unknown.status).toBe(404);
      const denied = await request(
        await app([[inspectorEnvironmentReadPermission.name, 'dev']]),
      ).get(`/snapshots/${stored.id}/file`);
      expect(denied.status).toBe(403);
    });

    it('answers 400, 403 and 404 for snapshot references', async () => {
      const dev = await takeSnapshot('dev');
      const server = await app();
      const malformed = await request(server)
        .post('/compare')
        .send({ source: 'snapshot:not-a-uuid', targets: ['dev'] });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toContain('snapshot:<uuid>');

      const unknown = await request(server)
        .post('/compare/jobs')
        .send({
          source: 'local',
          targets: [snapshotRef('00000000-0000-4000-8000-000000000000')],
        });
      expect(unknown.status).toBe(404);

      // the snapshot's environment decides
      const denied = await request(
        await app([[inspectorSchemaComparePermission.name, 'dev']]),
      )
        .post('/compare')
        .send({ source: 'local', targets: [snapshotRef(dev.id)] });
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toContain('dev');
    });

    it.each([
      [
        'POST /snapshots',
        inspectorSnapshotCreatePermission.name,
        (server: express.Express) =>
          request(server).post('/snapshots').send({ environment: 'dev' }),
      ],
      [
        'GET /snapshots',
        inspectorEnvironmentReadPermission.name,
        (server: express.Express) =>
          request(server).get('/snapshots').query({ environment: 'dev' }),
      ],
      [
        'GET /drift',
        inspectorEnvironmentReadPermission.name,
        (server: express.Express) =>
          request(server).get('/drift').query({ environment: 'dev' }),
      ],
      [
        'POST /compare/jobs',
        inspectorSchemaComparePermission.name,
        (server: express.Express) =>
          request(server)
            .post('/compare/jobs')
            .send({ source: 'local', targets: ['dev'] }),
      ],
    ])('%s answers 403 without %s', async (_route, permission, send) => {
      const res = await send(await app([[permission, 'dev']]));
      expect(res.status).toBe(403);
      // and is allowed with it
      const allowed = await send(await app());
      expect(allowed.status).toBeLessThan(300);
      if (allowed.body?.state === 'running') {
        await compareJobs.settled(allowed.body.id);
      }
    });

    it('runs a compare job with progress, ending with the result of POST /compare', async () => {
      const server = await app();
      const started = await request(server)
        .post('/compare/jobs')
        .send({ source: 'local', targets: ['dev', 'local-snapshot-free'] });
      // an unknown environment is found before any job starts
      expect(started.status).toBe(404);

      const snapshot = await takeSnapshot('dev', 'for the job');
      const res = await request(server)
        .post('/compare/jobs')
        .send({ source: 'local', targets: ['dev', snapshotRef(snapshot.id)] });
      expect(res.status).toBe(202);
      const job = res.body as CompareJob;
      expect(job).toMatchObject({
        state: 'running',
        progress: { phase: 'source', completed: 0, total: 5 },
      });
      expect(res.headers.location).toBe(`compare/jobs/${job.id}`);

      const done = await waitForJob(server, job.id);
      expect(done.state).toBe('succeeded');
      expect(done.progress).toEqual({
        phase: 'done',
        completed: 5,
        total: 5,
        message: 'Compared local with 2 targets',
      });
      expect(Date.parse(done.finishedAt!)).toBeGreaterThanOrEqual(
        Date.parse(done.createdAt),
      );

      const direct = await request(server)
        .post('/compare')
        .send({ source: 'local', targets: ['dev', snapshotRef(snapshot.id)] });
      expect(direct.status).toBe(200);
      expect(timeless(done.result!)).toEqual(timeless(direct.body));

      // every step was published to the creator, phases in order
      const steps = published
        .filter(s => s.channel === compareJobSignalChannel(job.id))
        .map(s => s.message as unknown as CompareJob);
      expect(
        published
          .filter(s => s.channel === compareJobSignalChannel(job.id))
          .every(
            s =>
              s.recipients.type === 'user' &&
              s.recipients.entityRef === 'user:default/mock',
          ),
      ).toBe(true);
      expect(steps.length).toBeGreaterThanOrEqual(6);
      const phases = steps.map(s => PHASES.indexOf(s.progress.phase));
      expect(phases).toEqual([...phases].sort((a, b) => a - b));
      expect(phases).toContain(PHASES.indexOf('diff'));
      const completed = steps.map(s => s.progress.completed);
      expect(completed).toEqual([...completed].sort((a, b) => a - b));
      expect(
        steps.some(s => s.progress.message.includes('target 2 of 2')),
      ).toBe(true);
      expect(steps.every(s => !('result' in s))).toBe(true);
      expect(steps[steps.length - 1]).toMatchObject({ state: 'succeeded' });

      // another user neither sees nor cancels it
      const other = mockCredentials.user.header(OTHER_USER);
      expect(
        (
          await request(server)
            .get(`/compare/jobs/${job.id}`)
            .set('Authorization', other)
        ).status,
      ).toBe(404);
      expect(
        (
          await request(server)
            .delete(`/compare/jobs/${job.id}`)
            .set('Authorization', other)
        ).status,
      ).toBe(404);
      // the creator cannot cancel a finished job
      const late = await request(server).delete(`/compare/jobs/${job.id}`);
      expect(late.status).toBe(409);
      expect(
        (
          await request(server).get(
            '/compare/jobs/00000000-0000-4000-8000-000000000000',
          )
        ).status,
      ).toBe(404);
      expect((await request(server).get('/compare/jobs/nope')).status).toBe(
        400,
      );
    });

    it('cancels a running job and its catalog queries', async () => {
      const server = await app();
      const [, target] = dbs;
      // the views' definitions cannot be read while `main` is locked
      let closeMonitor = async () => {};
      await target.client.query('BEGIN');
      await target.client.query('LOCK TABLE main IN ACCESS EXCLUSIVE MODE');
      try {
        const res = await request(server)
          .post('/compare/jobs')
          .send({ source: 'local', targets: ['dev'] });
        expect(res.status).toBe(202);
        const id = (res.body as CompareJob).id;

        // pg_stat_activity is read from a connection of its own: inside
        // the locking transaction it would not change
        const monitor = new Client({ connectionString: serverUrl });
        await monitor.connect();
        closeMonitor = () => monitor.end();
        const inspectorQueries = () =>
          monitor
            .query(
              `SELECT pid, state, wait_event_type FROM pg_stat_activity
               WHERE datname = $1 AND application_name = 'opshub-devops-inspector'
                 AND state <> 'idle'`,
              [target.name],
            )
            .then(r => r.rows);
        const waiting = await eventually(async () => {
          const rows = await inspectorQueries();
          return rows.some(r => r.wait_event_type === 'Lock')
            ? rows
            : undefined;
        }, 'the catalog query to wait for the lock');
        expect(waiting.length).toBeGreaterThan(0);
        const running = await eventually(async () => {
          const job = (await request(server).get(`/compare/jobs/${id}`))
            .body as CompareJob;
          return job.progress.phase === 'targets' ? job : undefined;
        }, 'the source to be read');
        expect(running).toMatchObject({
          state: 'running',
          progress: { message: 'Introspecting target 1 of 1 (dev)' },
        });

        const cancelled = await request(server).delete(`/compare/jobs/${id}`);
        expect(cancelled.status).toBe(202);
        expect(cancelled.body).toMatchObject({ id, state: 'cancelled' });
        expect(cancelled.body.finishedAt).toEqual(expect.any(String));

        // the query is gone at once, while the lock is still held (its
        // statement timeout is a minute)
        await eventually(
          async () =>
            (await inspectorQueries()).length === 0 ? true : undefined,
          'the cancelled query to leave pg_stat_activity',
          5_000,
        );
        await compareJobs.settled(id);
        const after = await request(server).get(`/compare/jobs/${id}`);
        expect(after.body).toMatchObject({ state: 'cancelled' });
        expect(after.body.result).toBeUndefined();
        expect(
          (await request(server).delete(`/compare/jobs/${id}`)).status,
        ).toBe(409);
        const entries = await activity.list({ limit: 50, offset: 0 });
        expect(entries.items.map(e => e.action)).toEqual(
          expect.arrayContaining(['compare.job.start', 'compare.job.cancel']),
        );
      } finally {
        await target.client.query('COMMIT');
        await closeMonitor();
      }
    });

    it('fails a job whose backend stopped sending heartbeats when it is read', async () => {
      const id = '11111111-1111-4111-8111-111111111111';
      await jobStore.create({
        id,
        createdBy: 'user:default/mock',
        request: { source: 'local', targets: ['dev'], environment: 'local' },
        progress: { phase: 'targets', completed: 1, total: 3, message: 'x' },
        now: new Date(Date.now() - 3 * 60_000),
      });
      const res = await request(await app()).get(`/compare/jobs/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'failed',
        error:
          'The backend instance running the comparison stopped before it finished',
      });
      expect(res.body.finishedAt).toEqual(expect.any(String));
    });
  },
);
