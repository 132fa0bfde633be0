import { FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ReleaseOrchestrationClient } from './ReleaseOrchestrationClient';

const baseUrl = 'http://localhost:7007/api/release-orchestration';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(response: Response) {
  const fetch = jest.fn<
    ReturnType<FetchApi['fetch']>,
    Parameters<FetchApi['fetch']>
  >(async () => response);
  const client = new ReleaseOrchestrationClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

describe('ReleaseOrchestrationClient', () => {
  it('lists clusters', async () => {
    const { client, fetch } = setup(json(200, { items: [] }));
    await expect(client.listClusters()).resolves.toEqual({ items: [] });
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/clusters`);
  });

  it('encodes the cluster name and passes paging', async () => {
    const body = { items: [], totalCount: 0, limit: 10, offset: 20 };
    const { client, fetch } = setup(json(200, body));
    await expect(
      client.listClusterCustomers('eu/west 1', { limit: 10, offset: 20 }),
    ).resolves.toEqual(body);
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/clusters/eu%2Fwest%201/customers?limit=10&offset=20`,
    );
  });

  it('sends the search as a query parameter and leaves out empty ones', async () => {
    const { client, fetch } = setup(
      json(200, { items: [], totalCount: 0, limit: 50, offset: 0 }),
    );
    await client.searchCustomers({ search: `a&b'`, limit: undefined });
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/customers?search=a%26b%27`);
  });

  it('sends step writes as POST with the version in the body', async () => {
    const { client, fetch } = setup(json(200, { id: 5 }));
    await client.markStepDone(5, { version: 3, notes: 'ok' });
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/steps/5/done`);
    expect(fetch.mock.calls[0][1]).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ version: 3, notes: 'ok' }),
    });
  });

  it('reorders templates and overrides content with their routes', async () => {
    const { client, fetch } = setup(json(200, { items: [] }));
    await client.reorderTemplates(7, {
      category: 'verify',
      templateIds: [3, 1, 2],
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/releases/7/templates/reorder`,
    );
    expect(fetch.mock.calls[0][1]?.method).toBe('POST');

    const second = setup(json(200, { id: 5 }));
    await second.client.overrideStep(5, { version: 2, content: 'echo' });
    expect(second.fetch.mock.calls[0][0]).toBe(`${baseUrl}/steps/5/content`);
    expect(second.fetch.mock.calls[0][1]?.method).toBe('PUT');
  });

  it('deletes with the version as a query parameter', async () => {
    const { client, fetch } = setup(new Response(null, { status: 204 }));
    await client.deleteStep(9, 4);
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/steps/9?version=4`);
    expect(fetch.mock.calls[0][1]?.method).toBe('DELETE');
  });

  it('deletes a draft release with its version', async () => {
    const { client, fetch } = setup(new Response(null, { status: 204 }));
    await expect(client.deleteRelease(12, 3)).resolves.toBeUndefined();
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/releases/12?version=3`);
    expect(fetch.mock.calls[0][1]?.method).toBe('DELETE');
  });

  it('rejects deleting an active release with the 409 of the server', async () => {
    const { client } = setup(
      json(409, {
        error: {
          name: 'ConflictError',
          message:
            'Release 7 is active; only a draft can be deleted (archive it instead)',
        },
        response: { statusCode: 409 },
      }),
    );
    const error: unknown = await client.deleteRelease(7, 3).catch(e => e);
    expect((error as ResponseError).statusCode).toBe(409);
    expect((error as ResponseError).body.error.message).toMatch(
      /only a draft can be deleted/,
    );
  });

  it('asks for one page of the history of a release', async () => {
    const body = { items: [], totalCount: 0, limit: 20, offset: 40 };
    const { client, fetch } = setup(json(200, body));
    await expect(
      client.listReleaseEvents(7, { limit: 20, offset: 40 }),
    ).resolves.toEqual(body);
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/releases/7/events?limit=20&offset=40`,
    );
  });

  it('asks for one page of the matrix of a cluster', async () => {
    const { client, fetch } = setup(json(200, {}));
    await client.getReleaseMatrix(7, { cluster: 'eu-west-1', limit: 100 });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/releases/7/matrix?cluster=eu-west-1&limit=100`,
    );
  });

  it('throws a ResponseError for a 404', async () => {
    const { client } = setup(
      json(404, {
        error: { name: 'NotFoundError', message: "No cluster named 'x'" },
        request: { method: 'GET', url: '/clusters/x' },
        response: { statusCode: 404 },
      }),
    );
    const error: unknown = await client.getCluster('x').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect((error as ResponseError).statusCode).toBe(404);
  });

  it('passes the entity ref filter of releases', async () => {
    const { client, fetch } = setup(
      json(200, { items: [], totalCount: 0, limit: 100, offset: 0 }),
    );
    await client.listReleases({
      entityRef: 'component:default/payments-api',
      limit: 100,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/releases?entityRef=component%3Adefault%2Fpayments-api&limit=100`,
    );
  });

  it('downloads an export with the fetch API and its filename', async () => {
    const { client, fetch } = setup(
      new Response('a,b\r\n', {
        status: 200,
        headers: {
          'Content-Type': 'text/csv',
          'Content-Disposition': 'attachment; filename="november.csv"',
        },
      }),
    );
    const file = await client.exportRelease(7, 'csv');
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/releases/7/export?format=csv`,
    );
    expect(file.filename).toBe('november.csv');
    expect(await file.blob.text()).toBe('a,b\r\n');
  });

  it('rejects a failed export with a ResponseError', async () => {
    const { client } = setup(json(404, { error: { message: 'No release' } }));
    await expect(client.exportRelease(7, 'json')).rejects.toBeInstanceOf(
      ResponseError,
    );
  });
});
