import { ConfigReader } from '@backstage/config';
import { createHmac } from 'crypto';
import {
  closedPort,
  json,
  useProviderServers,
} from '../__testUtils__/providerServer';
import { GenericWebhookExecutor } from './GenericWebhookExecutor';

jest.setTimeout(60_000);

const SECRET = 'generic-webhook-secret-1f0c';
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function hmac(body: string) {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
}

const deployRequest = {
  deploymentId: 41,
  service: 'payments-api',
  environment: 'uat',
  version: '1.4.0',
  reason: 'release 1.4',
  actor: 'user:default/alice',
  callbackUrl: 'http://opshub.test/api/deployment-rollback/webhooks/generic',
};

const rollbackRequest = {
  deploymentId: 42,
  service: 'payments-api',
  environment: 'prod',
  version: '1.4.0',
  target: { deploymentId: 17, version: '1.3.2' },
  reason: 'checkout errors after 1.4.0',
  actor: 'user:default/bob',
};

describe('GenericWebhookExecutor', () => {
  const serve = useProviderServers();

  function executor(url: string, timeoutMs = 5_000) {
    return new GenericWebhookExecutor({ url, secret: SECRET, timeoutMs });
  }

  it('POSTs the documented deploy body, signed, with a delivery id; 2xx is accepted', async () => {
    const server = await serve((_req, res) =>
      json(res, 202, {
        externalId: 'job-77',
        url: 'https://deployer.test/jobs/77',
      }),
    );
    const result = await executor(
      `${server.url}/deploy/{service}/{environment}`,
    ).deploy(deployRequest);

    expect(result).toEqual({
      accepted: true,
      externalId: 'job-77',
      url: 'https://deployer.test/jobs/77',
    });
    expect(server.received).toHaveLength(1);
    const [req] = server.received;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/deploy/payments-api/uat');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-opshub-delivery']).toMatch(UUID);
    expect(req.headers['x-opshub-signature-256']).toBe(hmac(req.body));
    expect(JSON.parse(req.body)).toEqual({
      action: 'deploy',
      deploymentId: 41,
      service: 'payments-api',
      environment: 'uat',
      version: '1.4.0',
      reason: 'release 1.4',
      actor: 'user:default/alice',
      callbackUrl:
        'http://opshub.test/api/deployment-rollback/webhooks/generic',
    });
    // the secret travels only as an HMAC
    expect(JSON.stringify(req.headers)).not.toContain(SECRET);
    expect(req.body).not.toContain(SECRET);
  });

  it('POSTs the rollback body with the version to restore; each request gets its own delivery id', async () => {
    const server = await serve((_req, res) => json(res, 204));
    const run = executor(server.url);

    // no id of its own in the answer: the OpsHub deployment id correlates
    await expect(run.rollback(rollbackRequest)).resolves.toEqual({
      accepted: true,
      externalId: '42',
    });
    await expect(run.rollback(rollbackRequest)).resolves.toEqual({
      accepted: true,
      externalId: '42',
    });

    const [first, second] = server.received;
    expect(JSON.parse(first.body)).toEqual({
      action: 'rollback',
      deploymentId: 42,
      service: 'payments-api',
      environment: 'prod',
      version: '1.4.0',
      targetVersion: '1.3.2',
      reason: 'checkout errors after 1.4.0',
      actor: 'user:default/bob',
    });
    expect(first.headers['x-opshub-signature-256']).toBe(hmac(first.body));
    expect(first.headers['x-opshub-delivery']).not.toBe(
      second.headers['x-opshub-delivery'],
    );
  });

  it('encodes placeholders filled into the URL', async () => {
    const server = await serve((_req, res) => json(res, 200));
    await executor(`${server.url}/hooks/{service}?env={environment}`).deploy({
      ...deployRequest,
      service: 'a b/c',
      environment: 'prod&x=1',
    });
    expect(server.received[0].url).toBe('/hooks/a%20b%2Fc?env=prod%26x%3D1');
  });

  it('reports an error status with the provider message, truncated and without the secret', async () => {
    const server = await serve((_req, res) =>
      json(res, 500, {
        message: `deployer exploded;\n\tsecret was ${SECRET}; ${'x'.repeat(
          5_000,
        )}`,
      }),
    );
    const result = await executor(`${server.url}/deploy`).deploy(deployRequest);

    expect(result).toMatchObject({
      accepted: false,
      code: 'http_error',
      httpStatus: 500,
    });
    const { message } = result as { message: string };
    expect(message).toContain(
      `The deployment webhook answered 500 Internal Server Error to POST ${server.url}/deploy: deployer exploded; secret was ***;`,
    );
    expect(message).not.toContain(SECRET);
    expect(message).not.toMatch(/[\n\t]/);
    expect(message.length).toBeLessThan(500);
  });

  it('times out on a deployer that never answers', async () => {
    const server = await serve(() => {
      // never answers
    });
    const started = Date.now();
    const result = await executor(`${server.url}/slow`, 200).deploy(
      deployRequest,
    );

    expect(result).toEqual({
      accepted: false,
      code: 'timeout',
      message: `The deployment webhook did not answer POST ${server.url}/slow within 200 ms`,
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.received).toHaveLength(1);
  });

  it('times out on a deployer that sends its headers and then stalls', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"externalId": ');
      // the rest never comes
    });
    const result = await executor(`${server.url}/stall`, 200).deploy(
      deployRequest,
    );
    expect(result).toMatchObject({ accepted: false, code: 'timeout' });
  });

  it('stops reading an answer larger than 10 MB', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < 11; i++) {
        res.write(chunk);
      }
      res.end();
    });
    const result = await executor(`${server.url}/huge`).deploy(deployRequest);
    expect(result).toEqual({
      accepted: false,
      code: 'invalid_response',
      httpStatus: 200,
      message: `The deployment webhook answered POST ${server.url}/huge with more than 10485760 bytes`,
    });
  });

  it('reports a deployer that cannot be reached', async () => {
    const port = await closedPort();
    const result = await executor(`http://127.0.0.1:${port}/x`).deploy(
      deployRequest,
    );
    expect(result).toMatchObject({ accepted: false, code: 'unreachable' });
    expect((result as { message: string }).message).toBe(
      `The deployment webhook could not be reached (POST http://127.0.0.1:${port}/x): ECONNREFUSED`,
    );
  });

  it('does not follow a redirect, which would carry the signed body elsewhere', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200));
    const server = await serve((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/other?token=abc` });
      res.end();
    });
    const result = await executor(server.url).deploy(deployRequest);

    expect(result).toMatchObject({
      accepted: false,
      code: 'http_error',
      httpStatus: 307,
    });
    expect((result as { message: string }).message).toContain(
      `a redirect to ${elsewhere.url}/other that is not followed`,
    );
    expect(elsewhere.received).toHaveLength(0);
  });

  it('reads its config, naming the key of a bad value and never the secret', () => {
    const at = 'deploymentRollback.environments[1].executor';
    const read = (data: object) =>
      GenericWebhookExecutor.fromConfig(new ConfigReader(data), at);

    expect(
      read({ type: 'generic', url: 'http://d.test/{service}', secret: SECRET })
        .id,
    ).toBe('generic');
    expect(() => read({ type: 'generic', url: 'http://d.test' })).toThrow(
      "Missing required config value at 'secret'",
    );
    expect(() =>
      read({ type: 'generic', url: 'http://d.test', secret: ' ' }),
    ).toThrow(`Invalid config at ${at}.secret: must not be empty`);
    expect(() =>
      read({ type: 'generic', url: `ftp://${SECRET}@d.test`, secret: SECRET }),
    ).toThrow(`Invalid config at ${at}.url: expected an http or https URL`);
    expect(() =>
      read({ type: 'generic', url: 'http://d.test/{team}', secret: SECRET }),
    ).toThrow(`Invalid config at ${at}.url: unknown placeholder {team}`);
    expect(() =>
      read({
        type: 'generic',
        url: 'http://d.test',
        secret: SECRET,
        timeoutMs: 0,
      }),
    ).toThrow(
      `Invalid config at ${at}.timeoutMs: expected an integer from 1 to 120000`,
    );
  });
});
