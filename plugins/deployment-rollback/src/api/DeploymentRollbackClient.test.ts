import { ResponseError } from '@backstage/errors';
import { DeploymentRollbackClient } from './DeploymentRollbackClient';

function client(respond: (url: string, init?: RequestInit) => Response) {
  const fetch = jest.fn(async (url: string, init?: RequestInit) =>
    respond(url, init),
  );
  const api = new DeploymentRollbackClient({
    discoveryApi: {
      getBaseUrl: async id => `http://backend/api/${id}`,
    },
    fetchApi: { fetch: fetch as any },
  });
  return { api, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('DeploymentRollbackClient', () => {
  it('sends the history filters as query parameters, leaving out empty ones', async () => {
    const { api, fetch } = client(() =>
      json({ items: [], totalCount: 0, limit: 20, offset: 40 }),
    );
    await api.listDeployments({
      service: 'payments-api',
      environment: undefined,
      status: 'failed',
      from: '2026-11-01T00:00:00.000Z',
      limit: 20,
      offset: 40,
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/deployment-rollback/deployments');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      service: 'payments-api',
      status: 'failed',
      from: '2026-11-01T00:00:00.000Z',
      limit: '20',
      offset: '40',
    });
  });

  it('posts a rollback to the encoded service and environment', async () => {
    const { api, fetch } = client(() => json({ id: 9 }, 202));
    await api.rollback('pay/ments', 'prod eu', {
      reason: 'broken',
      targetDeploymentId: 3,
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend/api/deployment-rollback/services/pay%2Fments/environments/prod%20eu/rollback',
    );
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      reason: 'broken',
      targetDeploymentId: 3,
    });
  });

  it('posts a deployment and reads the rollback target', async () => {
    const { api, fetch } = client(url =>
      url.endsWith('/rollback-target')
        ? json({ target: null, current: null, blocked: null })
        : json({ id: 10 }, 202),
    );
    await api.triggerDeployment('payments-api', 'uat', { version: '2.5.1' });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/deployment-rollback/services/payments-api/environments/uat/deployments',
    );
    expect(await api.getRollbackTarget('payments-api', 'uat')).toEqual({
      target: null,
      current: null,
      blocked: null,
    });
  });

  it('throws a ResponseError with the server message on a refusal', async () => {
    const { api } = client(() =>
      json(
        {
          error: { name: 'ConflictError', message: 'uat is auto-synced' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const error = await api
      .rollback('payments-api', 'uat', { reason: 'x' })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe('uat is auto-synced');
  });

  it('downloads the audit trail as CSV text', async () => {
    const { api, fetch } = client(
      () =>
        new Response('id,action\n1,deployment.rollback\n', {
          headers: { 'Content-Type': 'text/csv' },
        }),
    );
    expect(await api.exportAuditCsv({ service: 'payments-api' })).toBe(
      'id,action\n1,deployment.rollback\n',
    );
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backend/api/deployment-rollback/audit?format=csv&service=payments-api',
    );
  });

  it('reads one deployment, the audit page and the deliveries', async () => {
    const { api, fetch } = client(() =>
      json({ items: [], totalCount: 0, limit: 10, offset: 0 }),
    );
    await api.getDeployment(12);
    await api.listAudit({ service: 'payments-api', limit: 10 });
    await api.listDeliveries({ outcome: 'rejected', limit: 10, offset: 0 });
    expect(fetch.mock.calls.map(c => c[0])).toEqual([
      'http://backend/api/deployment-rollback/deployments/12',
      'http://backend/api/deployment-rollback/audit?service=payments-api&limit=10&format=json',
      'http://backend/api/deployment-rollback/deliveries?outcome=rejected&limit=10&offset=0',
    ]);
  });
});
