import { ResponseError } from '@backstage/errors';
import { InfraHealthClient } from './InfraHealthClient';

function setup(response: Response) {
  const fetch = jest.fn(async () => response);
  const client = new InfraHealthClient({
    discoveryApi: {
      getBaseUrl: async (id: string) => `http://backstage/api/${id}`,
    },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('InfraHealthClient', () => {
  it('lists the checks of a service', async () => {
    const { client, fetch } = setup(json({ items: [] }));
    await expect(
      client.listChecks({ service: 'payments-api' }),
    ).resolves.toEqual({ items: [] });
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/infra-health/checks?service=payments-api',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('pages the samples of a check', async () => {
    const page = { items: [], totalCount: 0, limit: 10, offset: 20 };
    const { client, fetch } = setup(json(page));
    await expect(
      client.listSamples(7, { limit: 10, offset: 20 }),
    ).resolves.toEqual(page);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/infra-health/checks/7/samples?limit=10&offset=20',
      expect.anything(),
    );
  });

  it('reads, creates, replaces and deletes checks', async () => {
    const { client, fetch } = setup(json({ id: 7 }));
    // a fresh response per call
    fetch.mockImplementation(async () => json({ id: 7 }));
    await client.getCheck(7);
    const input = {
      kind: 'tcp' as const,
      name: 'db',
      service: 'ledger',
      host: 'db.internal',
      port: 5432,
    };
    await client.createCheck(input);
    await client.updateCheck(7, input);
    expect(
      fetch.mock.calls.map(([url, init]: any[]) => [url, init.method]),
    ).toEqual([
      ['http://backstage/api/infra-health/checks/7', 'GET'],
      ['http://backstage/api/infra-health/checks', 'POST'],
      ['http://backstage/api/infra-health/checks/7', 'PUT'],
    ]);
    expect(JSON.parse((fetch.mock.calls[1] as any[])[1].body)).toEqual(input);

    const deleted = setup(new Response(null, { status: 204 }));
    await expect(deleted.client.deleteCheck(7)).resolves.toBeUndefined();
    expect(deleted.fetch).toHaveBeenCalledWith(
      'http://backstage/api/infra-health/checks/7',
      expect.objectContaining({ method: 'DELETE' }),
    );
  });

  it('throws a ResponseError for error responses', async () => {
    const { client } = setup(
      json(
        {
          error: {
            name: 'NotFoundError',
            message: 'No health check with id 7',
          },
          response: { statusCode: 404 },
        },
        404,
      ),
    );
    await expect(client.listSamples(7, {})).rejects.toBeInstanceOf(
      ResponseError,
    );
  });
});
