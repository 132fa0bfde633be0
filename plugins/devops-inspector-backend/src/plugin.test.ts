import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { devopsInspectorPlugin } from './plugin';
import {
  closedPort,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
} from '@opshub/schema-compare/testUtils';

jest.setTimeout(60_000);

const PASSWORD = 'plugin-Secret-pw';
const serverUrl = postgresTestUrl();
const describeOnPostgres = serverUrl ? describe : describe.skip;

describe('devopsInspectorPlugin', () => {
  async function start(
    environments: Record<
      string,
      { label: string; tier: string; connection: string }
    >,
  ) {
    const { server } = await startTestBackend({
      features: [
        devopsInspectorPlugin,
        mockServices.rootConfig.factory({
          data: { devopsInspector: { environments } },
        }),
      ],
    });
    return server;
  }

  it('starts, migrates and serves its routes', async () => {
    const port = await closedPort();
    const server = await start({
      dev: {
        label: 'Development',
        tier: 'dev',
        connection: `postgresql://inspector:${PASSWORD}@127.0.0.1:${port}/app`,
      },
    });
    const user = mockCredentials.user.header();

    const health = await request(server).get('/api/devops-inspector/health');
    expect(health.status).toBe(200);

    const unauthenticated = await request(server)
      .get('/api/devops-inspector/environments')
      .set('Authorization', mockCredentials.none.header());
    expect(unauthenticated.status).toBe(401);

    const environments = await request(server)
      .get('/api/devops-inspector/environments')
      .set('Authorization', user);
    expect(environments.status).toBe(200);
    expect(environments.body.items).toEqual([
      {
        name: 'dev',
        label: 'Development',
        tier: 'dev',
        database: { status: 'down', error: expect.any(String) },
      },
    ]);
    expect(environments.text).not.toContain(PASSWORD);

    const down = await request(server)
      .get('/api/devops-inspector/environments/dev/tables')
      .set('Authorization', user);
    expect(down.status).toBe(503);
    expect(down.text).not.toContain(PASSWORD);

    const unknown = await request(server)
      .get('/api/devops-inspector/environments/nope/tables')
      .set('Authorization', user);
    expect(unknown.status).toBe(404);

    const activity = await request(server)
      .get('/api/devops-inspector/activity')
      .set('Authorization', user);
    expect(activity.status).toBe(200);
    expect(activity.body).toEqual({
      items: [],
      totalCount: 0,
      limit: 50,
      offset: 0,
    });
  });

  it('runs the drawer quick actions and reports the process, and schedules the activity retention', async () => {
    const scheduler = mockServices.scheduler.mock();
    const port = await closedPort();
    const { server } = await startTestBackend({
      features: [
        devopsInspectorPlugin,
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            devopsInspector: {
              environments: {
                dev: {
                  label: 'Development',
                  tier: 'dev',
                  connection: `postgresql://inspector:${PASSWORD}@127.0.0.1:${port}/app`,
                },
              },
              retention: { activityDays: 30 },
            },
          },
        }),
      ],
    });
    const user = mockCredentials.user.header();

    // a probe opens the pool of dev (its database is down)
    await request(server)
      .get('/api/devops-inspector/environments')
      .set('Authorization', user);
    const cleared = await request(server)
      .post('/api/devops-inspector/actions/clear-cache')
      .set('Authorization', user);
    expect(cleared.status).toBe(200);
    expect(cleared.body).toEqual({
      cleared: [
        'read-only connection pools (dev)',
        'config schema (loaded again on the next read)',
      ],
    });

    const exported = await request(server)
      .get('/api/devops-inspector/activity/export')
      .query({
        format: 'csv',
        from: new Date(Date.now() - 60_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      })
      .set('Authorization', user);
    expect(exported.status).toBe(200);
    expect(exported.text).toContain(',cache.clear,,');

    const metrics = await request(server)
      .get('/api/devops-inspector/process')
      .set('Authorization', user);
    expect(metrics.status).toBe(200);
    // at least the requests above, counted by the process-wide collector
    expect(metrics.body.requests.completed).toBeGreaterThanOrEqual(3);
    expect(metrics.body.memory.heapUsedBytes).toBeGreaterThan(0);

    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'devops-inspector-activity-retention',
        scope: 'global',
        frequency: { hours: 24 },
      }),
    );
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'devops-inspector-activity-retention',
    )?.[0];
    // the export above is recent: the task keeps it
    await task?.fn(new AbortController().signal);
    const activity = await request(server)
      .get('/api/devops-inspector/activity')
      .set('Authorization', user);
    expect(
      activity.body.items.map((e: { action: string }) => e.action),
    ).toEqual(['activity.export', 'cache.clear']);
  });

  describeOnPostgres(
    `with a live database${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
    () => {
      it('inspects a live database and logs who looked', async () => {
        const server = await start({
          local: {
            label: 'Local',
            tier: 'local',
            connection: serverUrl as string,
          },
        });
        const user = mockCredentials.user.header();

        const environments = await request(server)
          .get('/api/devops-inspector/environments')
          .set('Authorization', user);
        expect(environments.body.items[0].database).toMatchObject({
          status: 'up',
          serverVersion: expect.any(String),
          latencyMs: expect.any(Number),
        });

        const tables = await request(server)
          .get('/api/devops-inspector/environments/local/tables?limit=5')
          .set('Authorization', user);
        expect(tables.status).toBe(200);
        expect(tables.body).toMatchObject({ limit: 5, offset: 0 });
        expect(typeof tables.body.totalCount).toBe('number');

        const activity = await request(server)
          .get('/api/devops-inspector/activity')
          .set('Authorization', user);
        expect(activity.body.items).toEqual([
          expect.objectContaining({
            actor: mockCredentials.user().principal.userEntityRef,
            action: 'tables.list',
            environment: 'local',
          }),
        ]);
      });
    },
  );
});
