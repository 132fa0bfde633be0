import http from 'http';
import { AddressInfo } from 'net';
import { InspectorEnvironmentConfig } from '../config';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import {
  closedPort,
  createScratchDatabase,
  POSTGRES_SKIP_NOTE,
  postgresTestUrl,
  ScratchDatabase,
} from '@opshub/schema-compare/testUtils';
import { overallHealth, StatusService } from './StatusService';

jest.setTimeout(60_000);

const PASSWORD = 'status-Secret!pw';
const DEP_PASSWORD = 'dep-pass-123';

describe('overallHealth', () => {
  const up = { status: 'up' as const, slow: false };
  const slow = { status: 'up' as const, slow: true };
  const down = { status: 'down' as const, slow: false };

  it('is healthy when all are up and fast, or nothing is configured', () => {
    expect(overallHealth([up, up])).toBe('healthy');
    expect(overallHealth([])).toBe('healthy');
  });

  it('is degraded when some are down or slow', () => {
    expect(overallHealth([up, down])).toBe('degraded');
    expect(overallHealth([up, slow])).toBe('degraded');
  });

  it('is unhealthy when all are down', () => {
    expect(overallHealth([down, down])).toBe('unhealthy');
  });
});

describe('StatusService HTTP dependencies', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<string | undefined> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url?.startsWith('/slow')) {
        setTimeout(() => res.end('late'), 300);
        return;
      }
      res.statusCode = req.url?.startsWith('/broken') ? 503 : 204;
      res.end();
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('measures each dependency and marks only the failing ones', async () => {
    const port = await closedPort();
    const service = new StatusService({
      environments: [],
      postgres: new ReadOnlyPostgres({ environments: [] }),
      slowThresholdMs: 1000,
      dependencies: [
        {
          name: 'api',
          url: `http://svc:${DEP_PASSWORD}@${base.slice(7)}/ok?token=abc`,
          timeoutMs: 2000,
        },
        { name: 'broken', url: `${base}/broken`, timeoutMs: 2000 },
        { name: 'slow', url: `${base}/slow`, timeoutMs: 100 },
        { name: 'closed', url: `http://127.0.0.1:${port}/`, timeoutMs: 2000 },
      ],
    });
    const status = await service.getStatus([]);
    expect(status.status).toBe('degraded');
    const [api, broken, slow, closed] = status.dependencies;
    expect(api).toMatchObject({
      name: 'api',
      url: `${base}/ok`,
      status: 'up',
      statusCode: 204,
      slow: false,
    });
    expect(api.latencyMs).toBeGreaterThan(0);
    expect(seen[0]).toBe(
      `Basic ${Buffer.from(`svc:${DEP_PASSWORD}`).toString('base64')}`,
    );
    expect(broken).toMatchObject({ status: 'down', statusCode: 503 });
    expect(slow).toMatchObject({
      status: 'down',
      statusCode: null,
      latencyMs: null,
      error: 'Timed out after 100 ms',
    });
    expect(closed).toMatchObject({ status: 'down', statusCode: null });
    expect(closed.error).toMatch(/ECONNREFUSED/);
    const text = JSON.stringify(status);
    expect(text).not.toContain(DEP_PASSWORD);
    expect(text).not.toContain('token=abc');
  });

  it('is degraded when a dependency is slower than the threshold', async () => {
    const service = new StatusService({
      environments: [],
      postgres: new ReadOnlyPostgres({ environments: [] }),
      slowThresholdMs: 50,
      dependencies: [{ name: 'slow', url: `${base}/slow`, timeoutMs: 2000 }],
    });
    const status = await service.getStatus([]);
    expect(status.dependencies[0]).toMatchObject({ status: 'up', slow: true });
    expect(status.status).toBe('degraded');
  });
});

const serverUrl = postgresTestUrl();
const describeOnPostgres = serverUrl ? describe : describe.skip;

describeOnPostgres(
  `StatusService on PostgreSQL${serverUrl ? '' : POSTGRES_SKIP_NOTE}`,
  () => {
    let scratch: ScratchDatabase;
    let postgres: ReadOnlyPostgres;
    let environments: InspectorEnvironmentConfig[];

    beforeAll(async () => {
      scratch = await createScratchDatabase(serverUrl as string);
      const port = await closedPort();
      environments = [
        {
          name: 'dev',
          label: 'Development',
          tier: 'dev',
          connection: scratch.url,
          statementTimeoutMs: 2000,
          poolSize: 3,
        },
        {
          name: 'uat',
          label: 'UAT',
          tier: 'uat',
          connection: `postgresql://inspector:${PASSWORD}@127.0.0.1:${port}/uat`,
          statementTimeoutMs: 2000,
          poolSize: 1,
        },
      ];
      postgres = new ReadOnlyPostgres({ environments });
    });

    afterAll(async () => {
      await postgres?.close();
      await scratch?.drop();
    });

    it('marks only the down database, with pool use read from the pool', async () => {
      const service = new StatusService({
        environments,
        dependencies: [],
        postgres,
        slowThresholdMs: 1000,
      });
      const status = await service.getStatus(['dev', 'uat']);
      expect(status.status).toBe('degraded');
      const [dev, uat] = status.databases;
      expect(dev).toMatchObject({
        name: 'dev',
        status: 'up',
        slow: false,
        pool: { totalCount: 1, idleCount: 1, waitingCount: 0, max: 3 },
      });
      expect(dev.latencyMs).toBeGreaterThan(0);
      expect(uat).toMatchObject({
        name: 'uat',
        status: 'down',
        latencyMs: null,
        pool: { totalCount: 0, idleCount: 0, waitingCount: 0, max: 1 },
      });
      expect(uat.error).toMatch(/ECONNREFUSED/);
      expect(JSON.stringify(status)).not.toContain(PASSWORD);
    });

    it('is unhealthy when every target is down', async () => {
      const service = new StatusService({
        environments: environments.slice(1),
        dependencies: [],
        postgres,
        slowThresholdMs: 1000,
      });
      expect((await service.getStatus(['uat'])).status).toBe('unhealthy');
    });

    it('probes only the named environments, and rates only them', async () => {
      const service = new StatusService({
        environments,
        dependencies: [],
        postgres,
        slowThresholdMs: 1000,
      });
      const onlyDev = await service.getStatus(['dev']);
      expect(onlyDev.databases.map(d => d.name)).toEqual(['dev']);
      expect(onlyDev.status).toBe('healthy');
      const none = await service.getStatus([]);
      expect(none.databases).toEqual([]);
      expect(JSON.stringify(none)).not.toContain('uat');
    });
  },
);
