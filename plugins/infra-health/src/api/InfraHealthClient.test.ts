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

  it('lists alerts with filters and paging', async () => {
    const page = { items: [], totalCount: 0, limit: 20, offset: 40 };
    const { client, fetch } = setup(json(page));
    await expect(
      client.listAlerts({
        state: 'firing',
        service: 'payments-api',
        severity: undefined,
        limit: 20,
        offset: 40,
      }),
    ).resolves.toEqual(page);
    expect(fetch).toHaveBeenCalledWith(
      'http://backstage/api/infra-health/alerts?state=firing&service=payments-api&limit=20&offset=40',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('posts alert transitions as JSON', async () => {
    const { client, fetch } = setup(json({ id: 3 }));
    await client.acknowledgeAlert(3, { comment: 'on it' });
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/infra-health/alerts/3/acknowledge',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ comment: 'on it' }),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    const escalate = setup(json({ id: 1, outcome: 'sent' }, 201));
    await expect(
      escalate.client.escalateAlert(3, { target: 'pagerduty' }),
    ).resolves.toEqual({ id: 1, outcome: 'sent' });
    expect(escalate.fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/infra-health/alerts/3/escalate',
      expect.objectContaining({
        body: JSON.stringify({ target: 'pagerduty' }),
      }),
    );
    const resolve = setup(json({ id: 3 }));
    await resolve.client.resolveAlert(3, {});
    expect(resolve.fetch).toHaveBeenLastCalledWith(
      'http://backstage/api/infra-health/alerts/3/resolve',
      expect.objectContaining({ method: 'POST' }),
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
