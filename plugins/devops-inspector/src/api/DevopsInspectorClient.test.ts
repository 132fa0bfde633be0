import { ResponseError } from '@backstage/errors';
import { DevopsInspectorClient } from './DevopsInspectorClient';

function setup(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
  );
  const client = new DevopsInspectorClient({
    discoveryApi: {
      getBaseUrl: async id => `http://backstage.test/api/${id}`,
    },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

describe('DevopsInspectorClient', () => {
  it('lists the tables of an environment with an encoded name and query', async () => {
    const page = { items: [], totalCount: 0, limit: 10, offset: 0 };
    const { client, fetch } = setup(200, page);
    await expect(
      client.listTables('dev/eu', { filter: "a&b'c", limit: 10, offset: 0 }),
    ).resolves.toEqual(page);
    expect(String(fetch.mock.calls[0][0])).toBe(
      'http://backstage.test/api/devops-inspector/environments/dev%2Feu/tables?filter=a%26b%27c&limit=10&offset=0',
    );
  });

  it('lists environments and activity', async () => {
    const { client, fetch } = setup(200, { items: [] });
    await client.listEnvironments();
    await client.listEnvironments({ name: 'uat' });
    await client.listActivity({ limit: 5 });
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      'http://backstage.test/api/devops-inspector/environments',
      'http://backstage.test/api/devops-inspector/environments?name=uat',
      'http://backstage.test/api/devops-inspector/activity?limit=5',
    ]);
  });

  it('turns error answers into ResponseError', async () => {
    const { client } = setup(503, {
      error: {
        name: 'ServiceUnavailableError',
        message: 'The database of environment dev is unavailable',
      },
      response: { statusCode: 503 },
    });
    const error = await client.listTables('dev', {}).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(error?.message).toMatch(/503/);
  });
});

describe('DevopsInspectorClient drawer routes', () => {
  it('encodes hostile schema and table names as path segments', async () => {
    const { client, fetch } = setup(200, {});
    await client.getTableDetail('dev', 'a/b"c', "x?y#z'");
    await client.countTableRows('dev', 'public', '100%');
    await client.listTables('dev', { sort: 'size', order: 'desc' });
    await client.getStatus();
    await client.getEnvironmentInfo();
    await client.getConfigStatus();
    expect(fetch.mock.calls.map(([url]) => String(url))).toEqual([
      "http://backstage.test/api/devops-inspector/environments/dev/tables/a%2Fb%22c/x%3Fy%23z'",
      'http://backstage.test/api/devops-inspector/environments/dev/tables/public/100%25/count',
      'http://backstage.test/api/devops-inspector/environments/dev/tables?sort=size&order=desc',
      'http://backstage.test/api/devops-inspector/status',
      'http://backstage.test/api/devops-inspector/environment',
      'http://backstage.test/api/devops-inspector/config',
    ]);
  });
});

describe('DevopsInspectorClient compare jobs and snapshots', () => {
  it('starts, reads and cancels compare jobs', async () => {
    const { client, fetch } = setup(202, { id: 'j/1', state: 'running' });
    await client.startCompareJob('dev', ['uat', 'snapshot:abc']);
    await client.getCompareJob('j/1');
    await client.cancelCompareJob('j/1');
    expect(
      fetch.mock.calls.map(([url, init]) => [
        init?.method,
        String(url),
        init?.body,
      ]),
    ).toEqual([
      [
        'POST',
        'http://backstage.test/api/devops-inspector/compare/jobs',
        JSON.stringify({ source: 'dev', targets: ['uat', 'snapshot:abc'] }),
      ],
      [
        'GET',
        'http://backstage.test/api/devops-inspector/compare/jobs/j%2F1',
        undefined,
      ],
      [
        'DELETE',
        'http://backstage.test/api/devops-inspector/compare/jobs/j%2F1',
        undefined,
      ],
    ]);
  });

  it('lists snapshots of an environment and takes one, with or without a label', async () => {
    const { client, fetch } = setup(200, { items: [], total: 0 });
    await client.listSnapshots('dev eu', { limit: 20 });
    await client.createSnapshot('dev');
    await client.createSnapshot('dev', 'release 2026.12');
    expect(
      fetch.mock.calls.map(([url, init]) => [
        init?.method,
        String(url),
        init?.body,
      ]),
    ).toEqual([
      [
        'GET',
        'http://backstage.test/api/devops-inspector/snapshots?environment=dev+eu&limit=20',
        undefined,
      ],
      [
        'POST',
        'http://backstage.test/api/devops-inspector/snapshots',
        JSON.stringify({ environment: 'dev' }),
      ],
      [
        'POST',
        'http://backstage.test/api/devops-inspector/snapshots',
        JSON.stringify({ environment: 'dev', label: 'release 2026.12' }),
      ],
    ]);
  });
});

describe('DevopsInspectorClient quick actions', () => {
  it('reads the process metrics and the allowed actions, and clears the cache with a POST', async () => {
    const { client, fetch } = setup(200, {});
    await client.getProcessMetrics();
    await client.getQuickActionPermissions();
    await client.clearCache();
    expect(
      fetch.mock.calls.map(([url, init]) => [String(url), init?.method]),
    ).toEqual([
      ['http://backstage.test/api/devops-inspector/process', 'GET'],
      ['http://backstage.test/api/devops-inspector/actions', 'GET'],
      [
        'http://backstage.test/api/devops-inspector/actions/clear-cache',
        'POST',
      ],
    ]);
  });

  it('downloads an activity export with its name and truncation flag', async () => {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response('id,createdAt\r\n', {
          status: 200,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="server-name.csv"',
            'X-Activity-Export-Truncated': 'true',
          },
        }),
    );
    const client = new DevopsInspectorClient({
      discoveryApi: {
        getBaseUrl: async id => `http://backstage.test/api/${id}`,
      },
      fetchApi: { fetch },
    });
    const file = await client.exportActivity({
      format: 'csv',
      from: new Date('2026-11-20T12:00:00.000Z'),
      to: new Date('2026-11-21T12:00:00.000Z'),
    });
    expect(String(fetch.mock.calls[0][0])).toBe(
      'http://backstage.test/api/devops-inspector/activity/export?format=csv&from=2026-11-20T12%3A00%3A00.000Z&to=2026-11-21T12%3A00%3A00.000Z',
    );
    expect(file.filename).toBe('server-name.csv');
    expect(file.truncated).toBe(true);
    expect(await file.blob.text()).toBe('id,createdAt\r\n');
  });

  it('downloads a stored snapshot file, named by the server or by its id', async () => {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response('{"format":"opshub-schema-snapshot"}\n', {
          status: 200,
          headers: {
            'Content-Type': 'application/json',
            'Content-Disposition':
              'attachment; filename="schema-snapshot-dev-20261130T090000Z.json"',
          },
        }),
    );
    const client = new DevopsInspectorClient({
      discoveryApi: {
        getBaseUrl: async id => `http://backstage.test/api/${id}`,
      },
      fetchApi: { fetch },
    });
    const file = await client.downloadSnapshot('abc/1');
    expect(String(fetch.mock.calls[0][0])).toBe(
      'http://backstage.test/api/devops-inspector/snapshots/abc%2F1/file',
    );
    expect(file.filename).toBe('schema-snapshot-dev-20261130T090000Z.json');
    expect(await file.blob.text()).toBe(
      '{"format":"opshub-schema-snapshot"}\n',
    );
    const unnamed = await setup(200, {}).client.downloadSnapshot('abc');
    expect(unnamed.filename).toBe('schema-snapshot-abc.json');
  });

  it('names the file itself when the headers cannot be read', async () => {
    const { client } = setup(200, {});
    const file = await client.exportActivity({
      format: 'json',
      from: new Date('2026-11-20T12:00:00.000Z'),
      to: new Date('2026-11-21T12:00:00.000Z'),
    });
    expect(file.filename).toBe(
      'devops-inspector-activity-20261120T120000Z-20261121T120000Z.json',
    );
    expect(file.truncated).toBeNull();
  });
});
