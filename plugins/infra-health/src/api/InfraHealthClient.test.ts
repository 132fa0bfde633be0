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

  it('reads SLOs, rollups and logs', async () => {
    const { client, fetch } = setup(json({ items: [] }));
    fetch.mockImplementation(async () => json({ items: [] }));
    await client.listSlos({ service: 'payments-api' });
    await client.listRollups(7, { from: '2026-12-01T00:00:00Z' });
    await client.getLogs({ service: 'payments-api', limit: 20 });
    expect(fetch.mock.calls.map(call => (call as unknown[])[0])).toEqual([
      'http://backstage/api/infra-health/slos?service=payments-api',
      'http://backstage/api/infra-health/checks/7/rollups?from=2026-12-01T00%3A00%3A00Z',
      'http://backstage/api/infra-health/logs?service=payments-api&limit=20',
    ]);
  });

  it('writes SLOs', async () => {
    const { client, fetch } = setup(json({ id: 3 }, 201));
    fetch.mockImplementation(async () => json({ id: 3 }, 201));
    const slo = {
      name: 'a',
      service: 'b',
      objective: 99,
      window: '7d',
      source: 'checks' as const,
    };
    await client.createSlo(slo);
    await client.updateSlo(3, slo);
    expect(fetch.mock.calls.map(call => (call as any[])[1].method)).toEqual([
      'POST',
      'PUT',
    ]);
    expect(JSON.parse((fetch.mock.calls[0] as any[])[1].body)).toEqual(slo);
    const del = setup(new Response(null, { status: 204 }));
    await expect(del.client.deleteSlo(3)).resolves.toBeUndefined();
    expect(del.fetch).toHaveBeenCalledWith(
      'http://backstage/api/infra-health/slos/3',
      expect.objectContaining({ method: 'DELETE' }),
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
