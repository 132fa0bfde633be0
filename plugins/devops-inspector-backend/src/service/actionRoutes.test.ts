import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import {
  ACTIVITY_EXPORT_MAX_ROWS,
  ActivityExport,
} from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import request from 'supertest';
import { DatabaseActivityStore } from '../database/DatabaseActivityStore';
import { servicesWith } from '../testing/services';
import { ProcessMetricsCollector } from './ProcessMetrics';
import { QuickActionService } from './QuickActionService';
import { createRouter } from './router';
import { DevopsInspectorServices } from './services';

jest.setTimeout(60_000);

const { ids, init } = createTestDatabases();
const HOUR = 60 * 60 * 1000;
const USER = 'user:default/mock';

const inspector = {
  environmentNames: () => ['dev', 'prod'],
} as unknown as DevopsInspectorServices['inspector'];

describe.each(ids)('quick action and process routes on %s', databaseId => {
  let collector: ProcessMetricsCollector;

  beforeAll(() => {
    collector = new ProcessMetricsCollector({ windowMs: 1000 }).start();
  });
  afterAll(() => collector.stop());

  /**
   * A router over a real activity store; denies the permissions (and the
   * environment refs) named in `denied`.
   */
  async function setup(denied: string[] = []) {
    const knex = await init(databaseId);
    const store = await DatabaseActivityStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const cleared: string[] = [];
    const quickActions = new QuickActionService({
      store,
      caches: [
        {
          clear: () => {
            cleared.push('pools');
            return 'read-only connection pools (dev)';
          },
        },
        { clear: async () => 'config schema' },
      ],
    });
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result:
            denied.includes(r.permission.name) ||
            ('resourceRef' in r && denied.includes(String(r.resourceRef)))
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        })),
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      services: servicesWith({
        inspector,
        quickActions,
        processMetrics: collector,
      }),
    });
    const app = express().use(router).use(mockErrorHandler());
    return { app, knex, store, cleared };
  }

  async function insertEntries(
    knex: Awaited<ReturnType<typeof setup>>['knex'],
    entries: Array<{
      hoursAgo: number;
      environment: string | null;
      details?: unknown;
      actor?: string;
    }>,
    now: number,
  ) {
    for (const entry of entries) {
      await knex('inspector_activity').insert({
        actor: entry.actor ?? 'user:default/jane',
        action: 'tables.list',
        environment: entry.environment,
        details:
          entry.details === undefined ? null : JSON.stringify(entry.details),
        created_at: new Date(now - entry.hoursAgo * HOUR),
      });
    }
  }

  it('says which quick actions the caller may run', async () => {
    expect((await request((await setup()).app).get('/actions')).body).toEqual({
      clearCache: true,
      exportActivity: true,
    });
    const denied = await setup(['devops-inspector.cache.clear']);
    expect((await request(denied.app).get('/actions')).body).toEqual({
      clearCache: false,
      exportActivity: true,
    });
  });

  it('clears the caches and records who did', async () => {
    const { app, store, cleared } = await setup();
    const res = await request(app).post('/actions/clear-cache');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      cleared: ['read-only connection pools (dev)', 'config schema'],
    });
    expect(cleared).toEqual(['pools']);
    const { items } = await store.list({ limit: 10, offset: 0 });
    expect(items).toMatchObject([
      {
        actor: USER,
        action: 'cache.clear',
        environment: null,
        details: {
          cleared: ['read-only connection pools (dev)', 'config schema'],
        },
      },
    ]);
  });

  it('answers 403 without cache.clear, and clears nothing', async () => {
    const { app, store, cleared } = await setup([
      'devops-inspector.cache.clear',
    ]);
    expect((await request(app).post('/actions/clear-cache')).status).toBe(403);
    expect(cleared).toEqual([]);
    expect((await store.list({ limit: 10, offset: 0 })).totalCount).toBe(0);
  });

  it('exports a time range as CSV: escaped, newest first, readable environments only', async () => {
    const { app, knex, store } = await setup(['prod']);
    const now = Date.parse('2026-11-21T12:00:00.000Z');
    await insertEntries(
      knex,
      [
        { hoursAgo: 30, environment: 'dev' }, // before the range
        { hoursAgo: 10, environment: 'dev', details: { filter: 'a,"b"\nc' } },
        { hoursAgo: 8, environment: 'prod' }, // not readable
        { hoursAgo: 6, environment: null, actor: '=cmd|calc' },
        { hoursAgo: 0, environment: 'dev' }, // at `to`: excluded
      ],
      now,
    );
    const res = await request(app)
      .get('/activity/export')
      .query({
        format: 'csv',
        from: new Date(now - 24 * HOUR).toISOString(),
        to: new Date(now).toISOString(),
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="devops-inspector-activity-20261120T120000Z-20261121T120000Z.csv"',
    );
    expect(res.headers['x-activity-export-truncated']).toBe('false');
    expect(res.headers['access-control-expose-headers']).toContain(
      'Content-Disposition',
    );
    const lines = res.text.split('\r\n');
    expect(lines[0]).toBe('id,createdAt,actor,action,environment,details');
    expect(lines[1]).toMatch(
      /^\d+,2026-11-21T06:00:00\.000Z,'=cmd\|calc,tables\.list,,$/,
    );
    // the JSON details in one quoted cell, quotes doubled, line break kept
    expect(res.text).toContain(
      ',2026-11-21T02:00:00.000Z,user:default/jane,tables.list,dev,"{""filter"":""a,\\""b\\""\\nc""}"\r\n',
    );
    expect(lines).toHaveLength(4); // header, 2 entries, final CRLF
    expect(res.text).not.toContain('prod');

    // the export is recorded in the log
    const { items } = await store.list({ limit: 1, offset: 0 });
    expect(items[0]).toMatchObject({
      actor: USER,
      action: 'activity.export',
      details: {
        format: 'csv',
        from: '2026-11-20T12:00:00.000Z',
        to: '2026-11-21T12:00:00.000Z',
        count: 2,
        truncated: false,
      },
    });
  });

  it('exports JSON, and caps the rows at the newest ones', async () => {
    const { app, knex } = await setup();
    const now = Date.parse('2026-11-21T12:00:00.000Z');
    const rows = Array.from(
      { length: ACTIVITY_EXPORT_MAX_ROWS + 5 },
      (_, i) => ({
        actor: 'user:default/jane',
        action: 'tables.list',
        environment: 'dev',
        details: JSON.stringify({ i }),
        // i = 0 is the newest
        created_at: new Date(now - 1000 - i * 1000),
      }),
    );
    await knex.batchInsert('inspector_activity', rows, 500);
    const res = await request(app)
      .get('/activity/export')
      .query({
        from: new Date(now - 24 * HOUR).toISOString(),
        to: new Date(now).toISOString(),
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/\.json"$/);
    expect(res.headers['x-activity-export-truncated']).toBe('true');
    const body: ActivityExport = JSON.parse(res.text);
    expect(body).toMatchObject({
      from: '2026-11-20T12:00:00.000Z',
      to: '2026-11-21T12:00:00.000Z',
      truncated: true,
    });
    expect(body.items).toHaveLength(ACTIVITY_EXPORT_MAX_ROWS);
    expect(body.items[0].details).toEqual({ i: 0 });
    expect(body.items[ACTIVITY_EXPORT_MAX_ROWS - 1].details).toEqual({
      i: ACTIVITY_EXPORT_MAX_ROWS - 1,
    });
  });

  it.each([
    [
      {
        format: 'xml',
        from: '2026-11-20T00:00:00Z',
        to: '2026-11-21T00:00:00Z',
      },
      /format/,
    ],
    [
      { from: 'yesterday', to: '2026-11-21T00:00:00Z' },
      /from: must be an ISO 8601/,
    ],
    [{ from: '2026-11-20T00:00:00Z' }, /to: Required/],
    [
      { from: '2026-11-21T00:00:00Z', to: '2026-11-20T00:00:00Z' },
      /from: must be before to/,
    ],
    [
      { from: '2026-11-21T00:00:00Z', to: '2026-11-21T00:00:00Z' },
      /from: must be before to/,
    ],
  ])('answers 400 for the export query %j', async (query, message) => {
    const { app, store } = await setup();
    const res = await request(app).get('/activity/export').query(query);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect((await store.list({ limit: 10, offset: 0 })).totalCount).toBe(0);
  });

  it('answers 403 without activity.export, even with activity.read', async () => {
    const { app, store } = await setup(['devops-inspector.activity.export']);
    const res = await request(app).get('/activity/export').query({
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-21T00:00:00Z',
    });
    expect(res.status).toBe(403);
    expect((await store.list({ limit: 10, offset: 0 })).totalCount).toBe(0);
  });

  it('serves the process metrics with status.read, 403 without', async () => {
    const { app } = await setup();
    const first = await request(app).get('/process');
    expect(first.status).toBe(200);
    const second = await request(app).get('/process');
    // the first request was measured by the time the second one is served
    expect(second.body.requests.completed).toBeGreaterThan(
      first.body.requests.completed,
    );
    expect(second.body.memory.rssBytes).toBeGreaterThan(0);
    const denied = await setup(['devops-inspector.status.read']);
    expect((await request(denied.app).get('/process')).status).toBe(403);
  });
});
