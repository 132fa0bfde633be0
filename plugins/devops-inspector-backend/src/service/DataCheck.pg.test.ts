import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createBaseRouter } from '@opshub/opshub-node';
import {
  DataCheckResult,
  inspectorSchemaComparePermission,
} from '@opshub/plugin-devops-inspector-common';
import { randomBytes } from 'crypto';
import express from 'express';
import { Client } from 'pg';
import request from 'supertest';
import { HOSTILE_TABLE } from '@opshub/schema-compare/testUtils';
import { InspectorEnvironmentConfig } from '../config';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import {
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '@opshub/schema-compare/testUtils';
import { DataCheckService } from './DataCheckService';
import { servicesWith } from '../testing/services';
import { registerCompareRoutes } from './routes/compareRoutes';
import { createRouteContext } from './routes/context';

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;

const HOSTILE_SCHEMA = 'Sch "x"; --';
const READER_PASSWORD = 'Rd-S3cret!pw\'"x';
const NO_CREATE_PASSWORD = 'NoCr3ate!pw';

/** `url` with another user and password. */
function as(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

describeIfPostgres(
  `POST /data-check${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    const suffix = randomBytes(4).toString('hex');
    const reader = `opshub_dc_reader_${suffix}`;
    const noCreate = `opshub_dc_nocreate_${suffix}`;
    let source: ScratchDatabase;
    let target: ScratchDatabase;
    let bare: ScratchDatabase;
    const opened: ReadOnlyPostgres[] = [];
    let secrets: string[];

    async function seed(db: ScratchDatabase, rows: number, extra: boolean) {
      const c = db.client;
      const schema = c.escapeIdentifier(HOSTILE_SCHEMA);
      const hostile = `${schema}.${c.escapeIdentifier(HOSTILE_TABLE)}`;
      await c.query(`
        CREATE SCHEMA ${schema};
        CREATE TABLE ${hostile} (id int PRIMARY KEY, "Value" text);
        INSERT INTO ${hostile} SELECT g, 'v' FROM generate_series(1, ${rows}) g;
        CREATE TABLE public.same (id int);
        INSERT INTO public.same SELECT generate_series(1, 7);
        CREATE TYPE public.mood AS ENUM ('ok');
        CREATE TABLE public.typed (m public.mood);
        ${extra ? 'CREATE TABLE public.only_here (id int);' : ''}
        GRANT USAGE ON SCHEMA ${schema}, public TO ${c.escapeIdentifier(
        reader,
      )};
        GRANT SELECT ON ALL TABLES IN SCHEMA ${schema}, public TO ${c.escapeIdentifier(
        reader,
      )};
      `);
    }

    beforeAll(async () => {
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(
          `CREATE ROLE ${admin.escapeIdentifier(
            reader,
          )} LOGIN PASSWORD ${admin.escapeLiteral(READER_PASSWORD)}`,
        );
        await admin.query(
          `CREATE ROLE ${admin.escapeIdentifier(
            noCreate,
          )} LOGIN PASSWORD ${admin.escapeLiteral(NO_CREATE_PASSWORD)}`,
        );
      } finally {
        await admin.end();
      }
      source = await createScratchDatabase(serverUrl!);
      target = await createScratchDatabase(serverUrl!);
      bare = await createScratchDatabase(serverUrl!);
      await seed(source, 3, true);
      await seed(target, 5, false);
      await bare.client.query('CREATE TABLE public.same (id int)');
      secrets = [
        READER_PASSWORD,
        encodeURIComponent(READER_PASSWORD),
        NO_CREATE_PASSWORD,
        new URL(serverUrl!).password,
      ].filter(Boolean);
    });

    afterAll(async () => {
      await Promise.all(opened.map(p => p.close()));
      await Promise.all([source, target, bare].map(db => db?.drop()));
      const admin = new Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        for (const role of [reader, noCreate]) {
          await admin.query(
            `DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`,
          );
        }
      } finally {
        await admin.end();
      }
    });

    function setUp(
      options: {
        enabled?: boolean;
        fdwEnabled?: boolean;
        sourceDb?: ScratchDatabase;
        fdwAdmin?: string;
        statementTimeoutMs?: number;
        denied?: string[];
      } = {},
    ) {
      const sourceDb = options.sourceDb ?? source;
      const environments: InspectorEnvironmentConfig[] = [
        {
          name: 'local',
          connection: as(sourceDb.url, reader, READER_PASSWORD),
          fdwAdminConnection: options.fdwAdmin ?? sourceDb.url,
        },
        {
          name: 'dev',
          connection: as(target.url, reader, READER_PASSWORD),
        },
      ].map(e => ({
        ...e,
        label: e.name,
        tier: 'dev' as const,
        statementTimeoutMs: options.statementTimeoutMs ?? 5000,
        poolSize: 1,
      }));
      const postgres = new ReadOnlyPostgres({ environments });
      opened.push(postgres);
      const logger = mockServices.logger.mock();
      const service = new DataCheckService({
        databases: new ReadOnlyEnvironmentDatabases({ environments, postgres }),
        enabled: options.enabled ?? true,
        fdwEnabled: options.fdwEnabled ?? true,
        logger,
      });
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              'resourceRef' in r &&
              r.resourceRef &&
              options.denied?.includes(r.resourceRef)
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      });
      const router = createBaseRouter();
      registerCompareRoutes(
        createRouteContext({
          router,
          httpAuth: mockServices.httpAuth(),
          permissions,
          services: servicesWith({ dataCheck: service }),
        }),
      );
      const app = express().use(router).use(mockErrorHandler());
      /** Everything logged, and the body, must be free of passwords. */
      const expectNoSecrets = (body: unknown) => {
        const logged = JSON.stringify(
          (['debug', 'info', 'warn', 'error'] as const).map(
            level => (logger[level] as jest.Mock).mock.calls,
          ),
        );
        for (const secret of secrets) {
          expect(JSON.stringify(body)).not.toContain(secret);
          expect(logged).not.toContain(secret);
        }
      };
      return { app, logger, permissions, expectNoSecrets };
    }

    const common = [
      { schema: HOSTILE_SCHEMA, table: HOSTILE_TABLE },
      { schema: 'public', table: 'same' },
      { schema: 'public', table: 'typed' },
    ];

    it('counts the common tables through postgres_fdw, hostile names included', async () => {
      const { app, permissions, expectNoSecrets } = setUp();
      const res = await request(app)
        .post('/data-check')
        .send({ source: 'local', target: 'dev' });
      expect(res.status).toBe(200);
      const body = res.body as DataCheckResult;
      expect(body).toMatchObject({
        source: 'local',
        target: 'dev',
        method: 'postgres_fdw',
      });
      expect(body.fallbackReason).toBeUndefined();
      expect(body.tables).toEqual([
        { ...common[0], sourceRows: 3, targetRows: 5, difference: 2 },
        { ...common[1], sourceRows: 7, targetRows: 7, difference: 0 },
        { ...common[2], sourceRows: 0, targetRows: 0, difference: 0 },
      ]);
      expectNoSecrets(res.body);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: inspectorSchemaComparePermission, resourceRef: 'dev' }],
        expect.anything(),
      );

      // a narrowed check reuses (and rebuilds) the same server
      const narrowed = await request(app)
        .post('/data-check')
        .send({ source: 'local', target: 'dev', tables: ['public.same'] });
      expect(narrowed.status).toBe(200);
      expect(narrowed.body.method).toBe('postgres_fdw');
      expect(narrowed.body.tables).toEqual([
        { ...common[1], sourceRows: 7, targetRows: 7, difference: 0 },
      ]);
    });

    it('creates a foreign server with updatable false that refuses writes', async () => {
      const { app } = setUp();
      const res = await request(app)
        .post('/data-check')
        .send({ source: 'local', target: 'dev' });
      expect(res.body.method).toBe('postgres_fdw');
      const c = source.client;
      const { rows: servers } = await c.query(
        `SELECT srvoptions FROM pg_foreign_server WHERE srvname = 'opshub_inspector_dev'`,
      );
      expect(servers).toHaveLength(1);
      expect(servers[0].srvoptions).toContain('updatable=false');
      const { rows: tables } = await c.query(
        `SELECT n.nspname AS schema, k.relname AS name
           FROM pg_foreign_table f
           JOIN pg_class k ON k.oid = f.ftrelid
           JOIN pg_namespace n ON n.oid = k.relnamespace
          WHERE $1 = ANY (f.ftoptions)`,
        [`table_name=${HOSTILE_TABLE}`],
      );
      expect(tables).toHaveLength(1);
      expect(tables[0].schema).toBe('opshub_fdw_dev');
      await expect(
        c.query(
          `INSERT INTO ${c.escapeIdentifier(
            tables[0].schema,
          )}.${c.escapeIdentifier(tables[0].name)} DEFAULT VALUES`,
        ),
      ).rejects.toThrow(/does not allow inserts/);
      const { rows: count } = await target.client.query(
        `SELECT count(*)::int AS n FROM ${target.client.escapeIdentifier(
          HOSTILE_SCHEMA,
        )}.${target.client.escapeIdentifier(HOSTILE_TABLE)}`,
      );
      expect(count[0].n).toBe(5);
    });

    it('falls back to direct connections when the fdw admin role lacks CREATE', async () => {
      await source.client.query(
        `CREATE EXTENSION IF NOT EXISTS postgres_fdw;
         GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO ${source.client.escapeIdentifier(
           noCreate,
         )}`,
      );
      const { app, logger, expectNoSecrets } = setUp({
        fdwAdmin: as(source.url, noCreate, NO_CREATE_PASSWORD),
      });
      const res = await request(app)
        .post('/data-check')
        .send({ source: 'local', target: 'dev' });
      expect(res.status).toBe(200);
      expect(res.body.method).toBe('direct');
      expect(res.body.fallbackReason).toBe(
        `the fdw admin role ${noCreate} lacks CREATE on database ${source.name} of local`,
      );
      expect(res.body.tables).toEqual([
        { ...common[0], sourceRows: 3, targetRows: 5, difference: 2 },
        { ...common[1], sourceRows: 7, targetRows: 7, difference: 0 },
        { ...common[2], sourceRows: 0, targetRows: 0, difference: 0 },
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('lacks CREATE'),
      );
      expectNoSecrets(res.body);
    });

    it('falls back when postgres_fdw is not installed and cannot be created', async () => {
      const { app, expectNoSecrets } = setUp({
        sourceDb: bare,
        fdwAdmin: as(bare.url, noCreate, NO_CREATE_PASSWORD),
      });
      await bare.client.query(
        `GRANT SELECT ON public.same TO ${bare.client.escapeIdentifier(
          reader,
        )}`,
      );
      const res = await request(app)
        .post('/data-check')
        .send({ source: 'local', target: 'dev' });
      expect(res.status).toBe(200);
      expect(res.body.method).toBe('direct');
      expect(res.body.fallbackReason).toMatch(
        /^postgres_fdw is not installed on the source database .* run CREATE EXTENSION postgres_fdw as a superuser$/,
      );
      expect(res.body.tables).toEqual([
        { ...common[1], sourceRows: 0, targetRows: 7, difference: 7 },
      ]);
      expectNoSecrets(res.body);
    });

    it('counts directly when fdw is off; a locked table times out', async () => {
      const { app } = setUp({ fdwEnabled: false, statementTimeoutMs: 300 });
      const locker = new Client({ connectionString: target.url });
      await locker.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE public.same IN ACCESS EXCLUSIVE MODE');
        const res = await request(app)
          .post('/data-check')
          .send({ source: 'local', target: 'dev' });
        expect(res.status).toBe(200);
        expect(res.body.method).toBe('direct');
        expect(res.body.fallbackReason).toBeUndefined();
        expect(res.body.tables).toEqual([
          { ...common[0], sourceRows: 3, targetRows: 5, difference: 2 },
          {
            ...common[1],
            sourceRows: 7,
            targetRows: null,
            difference: null,
            timedOut: true,
          },
          { ...common[2], sourceRows: 0, targetRows: 0, difference: 0 },
        ]);
      } finally {
        await locker.end();
      }
    });

    it('answers 404 when the data check is disabled', async () => {
      const { app } = setUp({ enabled: false });
      const res = await request(app)
        .post('/data-check')
        .send({ source: 'local', target: 'dev' });
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'data check is disabled; set devopsInspector.dataCheck.enabled',
      );
    });

    it('answers 403 when either environment is denied', async () => {
      const { app } = setUp({ denied: ['dev'] });
      const res = await request(app)
        .post('/data-check')
        .send({ source: 'local', target: 'dev' });
      expect(res.status).toBe(403);
    });

    it.each([
      [{ source: 'local' }],
      [{ source: 'local', target: 'local' }],
      [{ source: 'local', target: 'dev', tables: [] }],
      [{ source: 'local', target: 'dev', tables: 'same' }],
      [{ source: 'local', target: 'dev', extra: 1 }],
    ])('answers 400 for %j', async body => {
      const res = await request(setUp().app).post('/data-check').send(body);
      expect(res.status).toBe(400);
    });

    it('answers 404 for an unknown environment', async () => {
      const res = await request(setUp().app)
        .post('/data-check')
        .send({ source: 'local', target: 'nope' });
      expect(res.status).toBe(404);
    });
  },
);
