import fs from 'fs';
import path from 'path';
import { readGithubWorkflowEnvironments, readWebhookSecrets } from './config';
import { argocdProvider } from './argocd';
import { genericProvider } from './generic';
import { githubProvider } from './github';
import { gitlabProvider } from './gitlab';
import { isAllowedTransition } from './transitions';
import { MalformedDeliveryError } from './types';
import { ConfigReader } from '@backstage/config';

const examples = path.resolve(__dirname, '../../../../examples/webhooks');
function sample(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(examples, name), 'utf8'));
}

const context = {
  githubWorkflowEnvironments: { '.github/workflows/deploy-prod.yml': 'prod' },
  receivedAt: new Date('2026-12-01T00:00:00Z'),
};

function update(interpretation: ReturnType<typeof githubProvider.interpret>) {
  if (interpretation.kind !== 'deployment') {
    throw new Error(
      `expected a deployment, got ${JSON.stringify(interpretation)}`,
    );
  }
  return interpretation.update;
}

describe('GitHub', () => {
  it('reads a deployment event as a queued deployment', () => {
    const result = update(
      githubProvider.interpret(
        'deployment',
        sample('github-deployment.json'),
        context,
      ),
    );
    expect(result).toEqual({
      externalId: 'github:deployment:1234567890',
      service: 'payments',
      environment: 'uat',
      version: '1.4.0',
      commitSha: '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432',
      status: 'queued',
      triggeredBy: 'github:octocat',
      startedAt: new Date('2026-11-30T09:00:00Z'),
      finishedAt: null,
      catalogLookup: {
        annotation: 'github.com/project-slug',
        value: 'acme/payments',
      },
    });
  });

  it('maps every deployment_status state', () => {
    const body = sample('github-deployment_status.json');
    const states = {
      queued: 'queued',
      pending: 'queued',
      in_progress: 'in_progress',
      success: 'succeeded',
      failure: 'failed',
      error: 'failed',
      inactive: 'superseded',
    };
    for (const [state, status] of Object.entries(states)) {
      body.deployment_status.state = state;
      const result = update(
        githubProvider.interpret('deployment_status', body, context),
      );
      expect(result.status).toBe(status);
      expect(result.finishedAt).toEqual(
        ['queued', 'in_progress'].includes(status)
          ? null
          : new Date('2026-11-30T09:04:30Z'),
      );
    }
  });

  it('takes the version from the payload, else the ref, else the short sha', () => {
    const body = sample('github-deployment.json');
    expect(
      update(githubProvider.interpret('deployment', body, context)).version,
    ).toBe('1.4.0');
    body.deployment.payload = JSON.stringify({ version: '2.0.0' });
    expect(
      update(githubProvider.interpret('deployment', body, context)).version,
    ).toBe('2.0.0');
    body.deployment.payload = {};
    expect(
      update(githubProvider.interpret('deployment', body, context)).version,
    ).toBe('v1.4.0');
    body.deployment.ref = null;
    expect(
      update(githubProvider.interpret('deployment', body, context)).version,
    ).toBe('9f8e7d6');
  });

  it('takes the service from the payload, else the repository name', () => {
    const body = sample('github-deployment.json');
    body.deployment.payload = { service: 'payments-api' };
    expect(
      update(githubProvider.interpret('deployment', body, context)).service,
    ).toBe('payments-api');
    body.deployment.payload = '';
    expect(
      update(githubProvider.interpret('deployment', body, context)).service,
    ).toBe('payments');
  });

  it('maps workflow runs of configured workflows only', () => {
    const body = sample('github-workflow_run.json');
    expect(
      update(githubProvider.interpret('workflow_run', body, context)),
    ).toMatchObject({
      externalId: 'github:run:99:1',
      environment: 'prod',
      status: 'succeeded',
      version: 'main',
      startedAt: new Date('2026-11-30T10:00:05Z'),
      finishedAt: new Date('2026-11-30T10:06:00Z'),
    });
    body.workflow_run.conclusion = 'cancelled';
    expect(
      update(githubProvider.interpret('workflow_run', body, context)).status,
    ).toBe('failed');
    body.workflow_run.status = 'in_progress';
    body.workflow_run.conclusion = null;
    expect(
      update(githubProvider.interpret('workflow_run', body, context)).status,
    ).toBe('in_progress');
    body.workflow_run.path = '.github/workflows/test.yml';
    expect(githubProvider.interpret('workflow_run', body, context).kind).toBe(
      'ignored',
    );
  });

  it('ignores other events and names the field of a malformed one', () => {
    expect(githubProvider.interpret('ping', { zen: 'x' }, context)).toEqual({
      kind: 'ignored',
      reason: 'GitHub event ping does not describe a deployment',
    });
    const body = sample('github-deployment.json');
    delete body.deployment.environment;
    expect(() => githubProvider.interpret('deployment', body, context)).toThrow(
      /deployment\.environment: Required/,
    );
    body.deployment.environment = 'uat';
    body.deployment.created_at = 'yesterday';
    expect(() => githubProvider.interpret('deployment', body, context)).toThrow(
      /deployment\.created_at: expected an ISO 8601 timestamp/,
    );
  });

  it('reads form-encoded deliveries and requires the event and delivery headers', () => {
    const json = JSON.stringify({ zen: 'hi' });
    const request = {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: Buffer.from(`payload=${encodeURIComponent(json)}`),
    };
    expect(githubProvider.parseBody(request)).toEqual({ zen: 'hi' });
    expect(() => githubProvider.eventOf(request, {})).toThrow(/X-GitHub-Event/);
    expect(() => githubProvider.deliveryKey(request, {})).toThrow(
      /X-GitHub-Delivery/,
    );
  });
});

describe('GitLab', () => {
  it('reads a Deployment hook, with GitLab timestamps', () => {
    const body = sample('gitlab-deployment.json');
    expect(
      update(gitlabProvider.interpret('deployment', body, context)),
    ).toEqual({
      externalId: 'gitlab:deployment:15',
      service: 'checkout-web',
      environment: 'uat',
      version: 'v3.5.0',
      commitSha: '4b2a1c9',
      status: 'succeeded',
      triggeredBy: 'gitlab:root',
      startedAt: new Date('2026-11-30T10:15:00Z'),
      finishedAt: new Date('2026-11-30T10:15:00Z'),
      catalogLookup: {
        annotation: 'gitlab.com/project-slug',
        value: 'acme/checkout-web',
      },
    });
    for (const [status, expected] of [
      ['created', 'queued'],
      ['running', 'in_progress'],
      ['failed', 'failed'],
      ['canceled', 'failed'],
    ]) {
      body.status = status;
      expect(
        update(gitlabProvider.interpret('deployment', body, context)).status,
      ).toBe(expected);
    }
    body.status = 'exploded';
    expect(() => gitlabProvider.interpret('deployment', body, context)).toThrow(
      /status: Invalid enum value/,
    );
  });

  it('reads a Pipeline hook through its deploying job', () => {
    const body = sample('gitlab-pipeline.json');
    expect(
      update(gitlabProvider.interpret('pipeline', body, context)),
    ).toMatchObject({
      externalId: 'gitlab:pipeline:30:31',
      environment: 'prod',
      status: 'in_progress',
      version: 'v3.5.0',
      startedAt: new Date('2026-11-30T10:00:00Z'),
    });
    body.builds = [body.builds[0]];
    expect(gitlabProvider.interpret('pipeline', body, context).kind).toBe(
      'ignored',
    );
  });

  it('keys by Idempotency-Key when GitLab sends one, else by X-Gitlab-Webhook-UUID', () => {
    const rawBody = Buffer.alloc(0);
    expect(
      gitlabProvider.deliveryKey(
        { headers: { 'x-gitlab-webhook-uuid': 'u-1' }, rawBody },
        {},
      ),
    ).toBe('u-1');
    // a retry: a new webhook UUID, the same idempotency key
    expect(
      gitlabProvider.deliveryKey(
        {
          headers: { 'x-gitlab-webhook-uuid': 'u-2', 'idempotency-key': 'i-1' },
          rawBody,
        },
        {},
      ),
    ).toBe('idempotency:i-1');
    expect(() =>
      gitlabProvider.deliveryKey({ headers: {}, rawBody }, {}),
    ).toThrow(/X-Gitlab-Webhook-UUID/);
  });

  it('names the event by object_kind', () => {
    const request = { headers: {}, rawBody: Buffer.alloc(0) };
    expect(
      gitlabProvider.eventOf(request, sample('gitlab-pipeline.json')),
    ).toBe('pipeline');
    expect(
      gitlabProvider.interpret('note', { object_kind: 'note' }, context).kind,
    ).toBe('ignored');
  });
});

describe('Argo CD', () => {
  it('keys a notification by app, revision and finishedAt', () => {
    const body = sample('argocd-sync.json');
    const request = { headers: {}, rawBody: Buffer.alloc(0) };
    expect(argocdProvider.deliveryKey(request, body)).toBe(
      'ledger-worker-prod@0123456789abcdef0123456789abcdef01234567@2026-11-30T12:01:30Z',
    );
    body.finishedAt = '<no value>';
    expect(argocdProvider.deliveryKey(request, body)).toBe(
      'ledger-worker-prod@0123456789abcdef0123456789abcdef01234567@',
    );
  });

  it('maps phases and reads unset fields as absent', () => {
    const body = sample('argocd-sync.json');
    expect(
      update(argocdProvider.interpret('sync', body, context)),
    ).toMatchObject({
      service: 'ledger-worker',
      environment: 'prod',
      version: '0123456',
      status: 'succeeded',
      finishedAt: new Date('2026-11-30T12:01:30Z'),
    });
    body.phase = 'Running';
    body.finishedAt = '<no value>';
    body.service = '<no value>';
    expect(
      update(argocdProvider.interpret('sync', body, context)),
    ).toMatchObject({
      service: 'ledger-worker-prod',
      status: 'in_progress',
      finishedAt: null,
    });
    body.phase = 'Exploded';
    expect(() => argocdProvider.interpret('sync', body, context)).toThrow(
      MalformedDeliveryError,
    );
  });
});

describe('generic', () => {
  it('reads the documented body', () => {
    expect(
      update(
        genericProvider.interpret(
          'deployment',
          sample('generic-deployment.json'),
          context,
        ),
      ),
    ).toEqual({
      externalId: 'generic:payments-api/dev/1.5.0/2026-11-30T13:00:00.000Z',
      service: 'payments-api',
      environment: 'dev',
      version: '1.5.0',
      commitSha: 'a1b2c3d4e5f6',
      status: 'succeeded',
      triggeredBy: 'jane',
      startedAt: new Date('2026-11-30T13:00:00Z'),
      finishedAt: new Date('2026-11-30T13:03:00Z'),
    });
  });

  it('names every bad field', () => {
    expect(() =>
      genericProvider.interpret(
        'deployment',
        { service: '', environment: 'dev', status: 'done' },
        context,
      ),
    ).toThrow(/service: .*; version: Required; status: Invalid enum value/);
  });
});

describe('state transitions', () => {
  it('never goes back and ends at superseded', () => {
    expect(isAllowedTransition('queued', 'in_progress')).toBe(true);
    expect(isAllowedTransition('in_progress', 'succeeded')).toBe(true);
    expect(isAllowedTransition('succeeded', 'in_progress')).toBe(false);
    expect(isAllowedTransition('failed', 'queued')).toBe(false);
    expect(isAllowedTransition('failed', 'succeeded')).toBe(true);
    expect(isAllowedTransition('succeeded', 'superseded')).toBe(true);
    expect(isAllowedTransition('superseded', 'succeeded')).toBe(false);
    expect(isAllowedTransition('succeeded', 'succeeded')).toBe(false);
  });
});

describe('readWebhookSecrets', () => {
  it('treats unset, empty and blank secrets as not configured', () => {
    const config = new ConfigReader({
      deploymentRollback: {
        webhooks: {
          github: { secret: 'gh' },
          gitlab: { token: '' },
          argocd: { token: '   ' },
        },
      },
    });
    expect(readWebhookSecrets(config)).toEqual({ github: 'gh' });
    expect(readWebhookSecrets(new ConfigReader({}))).toEqual({});
    expect(() =>
      readWebhookSecrets(
        new ConfigReader({
          deploymentRollback: { webhooks: { generic: { secret: 42 } } },
        }),
      ),
    ).toThrow('Invalid config at deploymentRollback.webhooks.generic.secret');
  });
});

describe('readGithubWorkflowEnvironments', () => {
  it('reads the workflow list, whose paths hold dots and slashes', () => {
    const config = new ConfigReader({
      deploymentRollback: {
        webhooks: {
          github: {
            workflows: [
              {
                path: '.github/workflows/deploy-prod.yml',
                environment: 'prod',
              },
              { path: '.github/workflows/deploy-uat.yml', environment: 'uat' },
            ],
          },
        },
      },
    });
    expect(readGithubWorkflowEnvironments(config)).toEqual({
      '.github/workflows/deploy-prod.yml': 'prod',
      '.github/workflows/deploy-uat.yml': 'uat',
    });
    expect(readGithubWorkflowEnvironments(new ConfigReader({}))).toEqual({});
    expect(() =>
      readGithubWorkflowEnvironments(
        new ConfigReader({
          deploymentRollback: {
            webhooks: {
              github: { workflows: [{ path: ' ', environment: 'x' }] },
            },
          },
        }),
      ),
    ).toThrow(
      'Invalid config at deploymentRollback.webhooks.github.workflows[0]: path and environment must not be empty',
    );
  });
});
