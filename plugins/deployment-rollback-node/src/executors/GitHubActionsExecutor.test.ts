import { ConfigReader } from '@backstage/config';
import { json, useProviderServers } from '../__testUtils__/providerServer';
import {
  GITHUB_API_BASE_URL,
  GitHubActionsExecutor,
} from './GitHubActionsExecutor';

jest.setTimeout(60_000);

const TOKEN = 'ghp_test0123456789abcdefTOKEN';

const deployRequest = {
  deploymentId: 7,
  service: 'payments-api',
  environment: 'uat',
  version: '2.0.1',
  actor: 'user:default/alice',
};

const rollbackRequest = {
  deploymentId: 8,
  service: 'payments-api',
  environment: 'prod',
  version: '2.0.1',
  target: { deploymentId: 5, version: '2.0.0', externalId: '991' },
  reason: 'latency regression',
  actor: 'user:default/bob',
};

/**
 * Answers like GitHub's `workflow_dispatch` endpoint: 204 No Content for a
 * known workflow with the declared inputs, 404 for an unknown workflow,
 * 422 for undeclared inputs, 401 for another token.
 */
function github(
  req: { method: string; url: string; headers: any; body: string },
  res: any,
) {
  const match = req.url.match(
    /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/actions\/workflows\/([^/]+)\/dispatches$/,
  );
  if (req.method !== 'POST' || !match) {
    json(res, 404, {
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
    });
    return;
  }
  if (req.headers.authorization !== `Bearer ${TOKEN}`) {
    json(res, 401, {
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
    });
    return;
  }
  if (match[3] !== 'deploy.yml') {
    json(res, 404, {
      message: 'Not Found',
      documentation_url:
        'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event',
      status: '404',
    });
    return;
  }
  const body = JSON.parse(req.body);
  const declared = [
    'service',
    'environment',
    'version',
    'action',
    'deployment_id',
  ];
  const unexpected = Object.keys(body.inputs).filter(
    k => !declared.includes(k),
  );
  if (unexpected.length) {
    json(res, 422, {
      message: `Unexpected inputs provided: ${JSON.stringify(unexpected)}`,
      documentation_url:
        'https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event',
      status: '422',
    });
    return;
  }
  if (body.ref !== 'main') {
    json(res, 422, { message: `No ref found for: ${body.ref}`, status: '422' });
    return;
  }
  res.writeHead(204);
  res.end();
}

describe('GitHubActionsExecutor', () => {
  const serve = useProviderServers();

  function executor(
    apiBaseUrl: string,
    overrides: Partial<
      ConstructorParameters<typeof GitHubActionsExecutor>[0]
    > = {},
  ) {
    return new GitHubActionsExecutor({
      apiBaseUrl,
      owner: 'acme',
      repo: '{service}',
      workflowId: 'deploy.yml',
      ref: 'main',
      token: TOKEN,
      timeoutMs: 5_000,
      ...overrides,
    });
  }

  it('dispatches the workflow with the documented path, headers and body; 204 is accepted', async () => {
    const server = await serve(github);
    const result = await executor(`${server.url}/api/v3`).deploy(deployRequest);

    expect(result).toEqual({ accepted: true });
    expect(server.received).toHaveLength(1);
    const [req] = server.received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe(
      '/api/v3/repos/acme/payments-api/actions/workflows/deploy.yml/dispatches',
    );
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers.accept).toBe('application/vnd.github+json');
    expect(req.headers['x-github-api-version']).toBe('2022-11-28');
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body)).toEqual({
      ref: 'main',
      inputs: {
        service: 'payments-api',
        environment: 'uat',
        version: '2.0.1',
        action: 'deploy',
        deployment_id: '7',
      },
    });
  });

  it('dispatches a rollback with the version to restore', async () => {
    const server = await serve(github);
    const result = await executor(`${server.url}/api/v3`).rollback(
      rollbackRequest,
    );

    expect(result).toEqual({ accepted: true });
    expect(JSON.parse(server.received[0].body).inputs).toEqual({
      service: 'payments-api',
      environment: 'prod',
      version: '2.0.0',
      action: 'rollback',
      deployment_id: '8',
    });
  });

  it('maps 404 (unknown workflow) to an error that says so', async () => {
    const server = await serve(github);
    const result = await executor(`${server.url}/api/v3`, {
      workflowId: 'missing.yml',
    }).deploy(deployRequest);

    expect(result).toEqual({
      accepted: false,
      code: 'http_error',
      httpStatus: 404,
      message: `GitHub answered 404 Not Found to POST ${server.url}/api/v3/repos/acme/payments-api/actions/workflows/missing.yml/dispatches (no such workflow in the repository, or the token cannot see the repository): Not Found`,
    });
  });

  it('maps 422 (inputs or ref the workflow rejects) to an error with GitHub’s message', async () => {
    const server = await serve(github);
    const result = await executor(`${server.url}/api/v3`, {
      ref: 'release/{environment}',
    }).deploy(deployRequest);

    expect(result).toMatchObject({
      accepted: false,
      code: 'http_error',
      httpStatus: 422,
    });
    const { message } = result as { message: string };
    expect(message).toContain('GitHub answered 422 Unprocessable Entity');
    expect(message).toContain('the workflow rejected the ref or the inputs');
    expect(message).toContain('No ref found for: release/uat');
  });

  it('maps 401 to a token error that never repeats the token', async () => {
    const server = await serve((req, res) =>
      json(res, 401, {
        message: `Bad credentials: ${req.headers.authorization}`,
      }),
    );
    const result = await executor(`${server.url}/api/v3`).deploy(deployRequest);

    expect(result).toMatchObject({ accepted: false, httpStatus: 401 });
    const { message } = result as { message: string };
    expect(message).toContain('the token is invalid or expired');
    expect(message).toContain('Bad credentials: Bearer ***');
    expect(message).not.toContain(TOKEN);
  });

  it('times out when GitHub does not answer', async () => {
    const server = await serve(() => {
      // never answers
    });
    const result = await executor(`${server.url}/api/v3`, {
      timeoutMs: 150,
    }).deploy(deployRequest);
    expect(result).toEqual({
      accepted: false,
      code: 'timeout',
      message: `GitHub did not answer POST ${server.url}/api/v3/repos/acme/payments-api/actions/workflows/deploy.yml/dispatches within 150 ms`,
    });
  });

  it('links the workflow runs on github.com', () => {
    const run = new GitHubActionsExecutor({
      owner: 'acme',
      repo: 'deploys',
      workflowId: 'deploy.yml',
      ref: 'main',
      token: TOKEN,
      timeoutMs: 1,
    });
    expect((run as any).apiBaseUrl).toBe(GITHUB_API_BASE_URL);
    expect((run as any).runsUrl('acme', 'deploys', 'deploy.yml')).toBe(
      'https://github.com/acme/deploys/actions/workflows/deploy.yml',
    );
  });

  it('reads its config: defaults, a numeric workflow id, and errors naming the key', () => {
    const at = 'deploymentRollback.environments[0].executor';
    const read = (data: object) =>
      GitHubActionsExecutor.fromConfig(new ConfigReader(data), at);
    const base = {
      type: 'github-actions',
      owner: 'acme',
      repo: 'deploys',
      workflowId: 1234,
      token: TOKEN,
    };

    const run = read(base) as any;
    expect(run.apiBaseUrl).toBe(GITHUB_API_BASE_URL);
    expect(run.workflowId.source).toBe('1234');
    expect(run.ref.source).toBe('main');
    expect(run.options.timeoutMs).toBe(10_000);
    expect(() => read({ ...base, token: undefined })).toThrow(
      "Missing required config value at 'token'",
    );
    expect(() => read({ ...base, apiBaseUrl: 'not a url' })).toThrow(
      `Invalid config at ${at}.apiBaseUrl: expected an http or https URL`,
    );
    expect(() => read({ ...base, repo: '{repo}' })).toThrow(
      `Invalid config at ${at}.repo: unknown placeholder {repo}`,
    );
  });
});
