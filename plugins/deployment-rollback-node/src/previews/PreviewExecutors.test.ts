import { ConfigReader } from '@backstage/config';
import { createHmac } from 'crypto';
import {
  closedPort,
  json,
  useProviderServers,
} from '../__testUtils__/providerServer';
import {
  GenericPreviewExecutor,
  NetlifyPreviewExecutor,
  readPreviewExecutor,
  VercelPreviewExecutor,
} from './PreviewExecutors';

jest.setTimeout(60_000);

const TOKEN = 'preview-token-9d2e';
const request = {
  previewId: 7,
  service: 'payments-web',
  repository: 'acme/payments-web',
  pullRequest: 42,
  branch: 'feature/cards',
  commitSha: '0123456789abcdef0123456789abcdef01234567',
  title: 'Card payments',
};

describe('VercelPreviewExecutor', () => {
  const serve = useProviderServers();

  it('creates a preview deployment of the head commit through POST /v13/deployments and records its URL', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, {
        id: 'dpl_89qyp1cskzkLrVicDaZoDbjyHuDJ',
        url: 'payments-web-abc123.vercel.app',
        readyState: 'QUEUED',
      }),
    );
    const executor = new VercelPreviewExecutor({
      apiBaseUrl: server.url,
      token: TOKEN,
      teamId: 'team_1',
      projects: { 'payments-web': 'payments-frontend' },
      timeoutMs: 5_000,
    });
    await expect(executor.deploy(request)).resolves.toEqual({
      accepted: true,
      externalId: 'dpl_89qyp1cskzkLrVicDaZoDbjyHuDJ',
      url: 'https://payments-web-abc123.vercel.app',
    });
    const [sent] = server.received;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/v13/deployments?teamId=team_1');
    expect(sent.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(sent.body)).toEqual({
      name: 'payments-frontend',
      project: 'payments-frontend',
      gitSource: {
        type: 'github',
        org: 'acme',
        repo: 'payments-web',
        ref: 'feature/cards',
        sha: request.commitSha,
      },
      meta: { opshubPreviewId: '7', githubPrId: '42' },
    });
  });

  it('tears down with DELETE /v13/deployments/{id}; an already deleted one counts as torn down', async () => {
    let status = 200;
    const server = await serve((_req, res) =>
      json(res, status, { uid: 'dpl_1', state: 'DELETED' }),
    );
    const executor = new VercelPreviewExecutor({
      apiBaseUrl: server.url,
      token: TOKEN,
      projects: {},
      timeoutMs: 5_000,
    });
    const teardown = {
      previewId: 7,
      service: 'payments-web',
      pullRequest: 42,
      externalId: 'dpl_1',
    };
    await expect(executor.teardown(teardown)).resolves.toEqual({
      accepted: true,
    });
    status = 404;
    await expect(executor.teardown(teardown)).resolves.toEqual({
      accepted: true,
    });
    expect(server.received.map(r => `${r.method} ${r.url}`)).toEqual([
      'DELETE /v13/deployments/dpl_1',
      'DELETE /v13/deployments/dpl_1',
    ]);
  });

  it("reports Vercel's error without the token", async () => {
    const server = await serve((_req, res) =>
      json(res, 403, {
        error: { code: 'forbidden', message: `Not authorized ${TOKEN}` },
      }),
    );
    const result = await new VercelPreviewExecutor({
      apiBaseUrl: server.url,
      token: TOKEN,
      projects: {},
      timeoutMs: 5_000,
    }).deploy(request);
    expect(result).toMatchObject({
      accepted: false,
      code: 'http_error',
      httpStatus: 403,
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });
});

describe('NetlifyPreviewExecutor', () => {
  const serve = useProviderServers();

  it('creates a draft deploy of the branch through POST /api/v1/sites/{site_id}/deploys', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, {
        id: '5f3b2c',
        state: 'new',
        deploy_url: 'http://5f3b2c--payments.netlify.app',
        deploy_ssl_url: 'https://5f3b2c--payments.netlify.app',
      }),
    );
    const executor = new NetlifyPreviewExecutor({
      apiBaseUrl: server.url,
      token: TOKEN,
      sites: { 'payments-web': 'site-123' },
      timeoutMs: 5_000,
    });
    await expect(executor.deploy(request)).resolves.toEqual({
      accepted: true,
      externalId: '5f3b2c',
      url: 'https://5f3b2c--payments.netlify.app',
    });
    const [sent] = server.received;
    expect(`${sent.method} ${sent.url}`).toBe(
      'POST /api/v1/sites/site-123/deploys',
    );
    expect(JSON.parse(sent.body)).toEqual({
      draft: true,
      branch: 'feature/cards',
      title: 'PR #42: Card payments (0123456)',
    });
    await executor.teardown({
      previewId: 7,
      service: 'payments-web',
      pullRequest: 42,
      externalId: '5f3b2c',
    });
    expect(`${server.received[1].method} ${server.received[1].url}`).toBe(
      'DELETE /api/v1/deploys/5f3b2c',
    );
  });

  it('refuses a service without a site, asking nothing of Netlify', async () => {
    const server = await serve((_req, res) => json(res, 200, {}));
    const result = await new NetlifyPreviewExecutor({
      apiBaseUrl: server.url,
      token: TOKEN,
      sites: {},
      timeoutMs: 5_000,
    }).deploy(request);
    expect(result).toMatchObject({
      accepted: false,
      message: expect.stringContaining('No Netlify site'),
    });
    expect(server.received).toHaveLength(0);
  });
});

describe('GenericPreviewExecutor', () => {
  const serve = useProviderServers();

  it('POSTs the signed preview body and takes externalId and url from the answer', async () => {
    const server = await serve((_req, res) =>
      json(res, 202, {
        externalId: 'pr-42',
        url: 'https://pr-42.preview.test',
      }),
    );
    const executor = new GenericPreviewExecutor({
      url: server.url,
      secret: 's3cret',
      timeoutMs: 5_000,
    });
    await expect(executor.deploy(request)).resolves.toEqual({
      accepted: true,
      externalId: 'pr-42',
      url: 'https://pr-42.preview.test',
    });
    const [sent] = server.received;
    expect(sent.headers['x-opshub-signature-256']).toBe(
      `sha256=${createHmac('sha256', 's3cret')
        .update(sent.body)
        .digest('hex')}`,
    );
    expect(JSON.parse(sent.body)).toMatchObject({
      action: 'preview',
      previewId: 7,
      pullRequest: 42,
      commitSha: request.commitSha,
    });
  });

  it('fails with unreachable when nothing listens, and times out a stuck deployer', async () => {
    const port = await closedPort();
    await expect(
      new GenericPreviewExecutor({
        url: `http://127.0.0.1:${port}`,
        secret: 's',
        timeoutMs: 2_000,
      }).deploy(request),
    ).resolves.toMatchObject({ accepted: false, code: 'unreachable' });
    const stuck = await serve(() => {});
    await expect(
      new GenericPreviewExecutor({
        url: stuck.url,
        secret: 's',
        timeoutMs: 200,
      }).deploy(request),
    ).resolves.toMatchObject({ accepted: false, code: 'timeout' });
  });
});

describe('readPreviewExecutor', () => {
  it('is undefined without config, builds the configured type and names a bad one', () => {
    expect(readPreviewExecutor(new ConfigReader({}))).toBeUndefined();
    expect(
      readPreviewExecutor(
        new ConfigReader({
          deploymentRollback: {
            previews: { executor: { type: 'vercel', token: 't' } },
          },
        }),
      )?.id,
    ).toBe('vercel');
    expect(() =>
      readPreviewExecutor(
        new ConfigReader({
          deploymentRollback: { previews: { executor: { type: 'heroku' } } },
        }),
      ),
    ).toThrow(/previews.executor.type: unknown preview executor "heroku"/);
  });
});
