import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createBaseRouter } from '@opshub/opshub-node';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  inspectorSchemaComparePermission,
  INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
  MultiCompareResult,
} from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import request from 'supertest';
import { ActivityStore } from '../database/ActivityStore';
import { ReadOnlyEnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import { SchemaCompareService } from './SchemaCompareService';
import { SOURCE_SQL, TARGET_SQL } from '@opshub/schema-compare/testUtils';
import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '@opshub/schema-compare/testUtils';
import { servicesWith } from '../testing/services';
import { InspectorService } from './InspectorService';
import { registerCompareRoutes } from './routes/compareRoutes';
import { createRouteContext } from './routes/context';

const serverUrl = postgresTestUrl();
const describeIfPostgres = serverUrl ? describe : describe.skip;
const DOWN_PASSWORD = 'down-Secret!pw';

describeIfPostgres(
  `POST /compare${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    const dbs: ScratchDatabase[] = [];
    let postgres: ReadOnlyPostgres;
    let service: SchemaCompareService;
    let inspector: InspectorService;
    const store: jest.Mocked<ActivityStore> = {
      record: jest.fn(),
      list: jest.fn(),
      listBetween: jest.fn(),
      prune: jest.fn(),
    };
    let secrets: string[];

    beforeAll(async () => {
      for (const sql of [SOURCE_SQL, TARGET_SQL]) {
        const db = await createScratchDatabase(serverUrl!);
        await db.client.query(sql);
        dbs.push(db);
      }
      const port = await closedPort();
      const environments = [
        { name: 'local', tier: 'local' as const, connection: dbs[0].url },
        { name: 'dev', tier: 'dev' as const, connection: dbs[1].url },
        {
          name: 'prod',
          tier: 'prod' as const,
          connection: `postgresql://inspector:${DOWN_PASSWORD}@127.0.0.1:${port}/prod`,
        },
      ].map(e => ({
        ...e,
        label: e.name,
        statementTimeoutMs: 5000,
        poolSize: 1,
      }));
      secrets = [new URL(dbs[0].url).password, DOWN_PASSWORD];
      postgres = new ReadOnlyPostgres({ environments });
      const databases = new ReadOnlyEnvironmentDatabases({
        environments,
        postgres,
      });
      service = new SchemaCompareService({ databases, store });
      inspector = new InspectorService({ databases, store });
    });

    afterAll(async () => {
      await postgres.close();
      await Promise.all(dbs.map(db => db.drop()));
    });

    function app(denied: string[] = []) {
      const permissions = mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              'resourceRef' in r &&
              r.resourceRef &&
              denied.includes(r.resourceRef)
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
          services: servicesWith({ compare: service, inspector }),
        }),
      );
      return {
        app: express().use(router).use(mockErrorHandler()),
        permissions,
      };
    }

    it('uses a resource permission on the environment', () => {
      expect(
        isResourcePermission(
          inspectorSchemaComparePermission,
          INSPECTOR_ENVIRONMENT_RESOURCE_TYPE,
        ),
      ).toBe(true);
    });

    it('compares one source with several targets; a down target is a partial result', async () => {
      const { app: server, permissions } = app();
      const res = await request(server)
        .post('/compare')
        .send({ source: 'local', targets: ['dev', 'prod'] });
      expect(res.status).toBe(200);
      const body = res.body as MultiCompareResult;
      expect(body.source).toBe('local');
      expect(body.results).toHaveLength(2);
      expect(body.results[0]).toMatchObject({ source: 'local', target: 'dev' });
      expect((body.results[0] as any).summary.total).toBeGreaterThan(20);
      expect(body.results[1]).toEqual({
        target: 'prod',
        error: expect.any(String),
      });
      const text = JSON.stringify(res.body);
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
      }
      expect(permissions.authorize).toHaveBeenCalledWith(
        ['local', 'dev', 'prod'].map(resourceRef => ({
          permission: inspectorSchemaComparePermission,
          resourceRef,
        })),
        expect.anything(),
      );
      expect(store.record).toHaveBeenCalledWith(
        expect.objectContaining({
          action: 'schema.compare',
          environment: 'local',
        }),
      );
    });

    it('answers 403 when a target is denied', async () => {
      const res = await request(app(['prod']).app)
        .post('/compare')
        .send({ source: 'local', targets: ['dev', 'prod'] });
      expect(res.status).toBe(403);
    });

    it('answers 503 without secrets when the source is down', async () => {
      const res = await request(app().app)
        .post('/compare')
        .send({ source: 'prod', targets: ['dev'] });
      expect(res.status).toBe(503);
      expect(JSON.stringify(res.body)).not.toContain(DOWN_PASSWORD);
    });

    it.each([
      [{ source: 'local', targets: [] }],
      [{ source: 'local', targets: ['dev', 'dev'] }],
      [{ source: 'local', targets: ['local'] }],
      [{ source: '', targets: ['dev'] }],
      [{ targets: ['dev'] }],
    ])('answers 400 for %j', async body => {
      const res = await request(app().app).post('/compare').send(body);
      expect(res.status).toBe(400);
    });

    it('answers 404 for an unknown environment', async () => {
      const res = await request(app().app)
        .post('/compare')
        .send({ source: 'local', targets: ['nope'] });
      expect(res.status).toBe(404);
    });
  },
);
