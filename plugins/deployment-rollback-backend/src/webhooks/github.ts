import { verifyWebhookSignature } from '@opshub/opshub-node';
import { DeploymentStatus } from '@opshub/plugin-deployment-rollback-common';
import { z } from 'zod';
import {
  header,
  nameField,
  optionalText,
  parseJsonBody,
  parsePayload,
  shortSha,
  timestampField,
} from './common';
import {
  DeploymentUpdate,
  Interpretation,
  MalformedDeliveryError,
  WebhookProviderSpec,
  WebhookRequest,
} from './types';

/** The catalog annotation that links a Component to its GitHub repository. */
export const GITHUB_PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

const repository = z.object({
  full_name: nameField,
  name: nameField,
});

const user = z.object({ login: z.string().min(1).max(200) }).nullish();

const deployment = z.object({
  id: z.number().int().nonnegative(),
  sha: z.string().min(1).max(64),
  ref: optionalText(255),
  environment: nameField,
  /** GitHub keeps `payload` as given: an object, or a JSON string. */
  payload: z.unknown().optional(),
  creator: user,
  created_at: timestampField,
});

const deploymentEvent = z.object({
  deployment,
  repository,
});

const deploymentStatusEvent = z.object({
  deployment_status: z.object({
    state: z.enum([
      'queued',
      'pending',
      'in_progress',
      'success',
      'failure',
      'error',
      'inactive',
    ]),
    created_at: timestampField,
    creator: user,
  }),
  deployment,
  repository,
});

const workflowRunEvent = z.object({
  action: z.string().min(1).max(64),
  workflow_run: z.object({
    id: z.number().int().nonnegative(),
    run_attempt: z.number().int().positive().optional(),
    path: z.string().min(1).max(1024),
    head_sha: z.string().min(1).max(64),
    head_branch: optionalText(255),
    status: z.string().min(1).max(64),
    conclusion: z.string().max(64).nullish(),
    created_at: timestampField,
    run_started_at: timestampField.optional(),
    updated_at: timestampField,
    actor: user,
  }),
  repository,
});

const pullRequestEvent = z.object({
  action: z.string().min(1).max(64),
  number: z.number().int().positive().max(2_147_483_647),
  pull_request: z.object({
    title: optionalText(1000),
    head: z.object({
      ref: nameField,
      sha: z.string().min(1).max(64),
    }),
    user: user,
  }),
  repository,
});

/** Pull request actions that (re)deploy the preview, and those that end it. */
const PREVIEW_DEPLOY_ACTIONS = ['opened', 'synchronize', 'reopened'];
const PREVIEW_TEARDOWN_ACTIONS = ['closed'];

const STATE: Record<
  z.infer<typeof deploymentStatusEvent>['deployment_status']['state'],
  DeploymentStatus
> = {
  queued: 'queued',
  pending: 'queued',
  in_progress: 'in_progress',
  success: 'succeeded',
  failure: 'failed',
  error: 'failed',
  inactive: 'superseded',
};

function isTerminal(status: DeploymentStatus): boolean {
  return status !== 'queued' && status !== 'in_progress';
}

/** `deployment.payload` as an object, whether GitHub sent it parsed or as a string. */
function deploymentPayload(payload: unknown): Record<string, unknown> {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function payloadString(
  payload: Record<string, unknown>,
  key: string,
): string | undefined {
  const value = payload[key];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const parsed = nameField.safeParse(value);
  if (!parsed.success) {
    throw new MalformedDeliveryError(
      `deployment.payload.${key}: expected a string of 1 to 255 characters`,
    );
  }
  return parsed.data;
}

function fromDeployment(
  event: z.infer<typeof deploymentEvent>,
  status: DeploymentStatus,
  changedAt: Date,
  actor?: string,
): DeploymentUpdate {
  const { deployment: d, repository: repo } = event;
  const extra = deploymentPayload(d.payload);
  return {
    externalId: `github:deployment:${d.id}`,
    service: payloadString(extra, 'service') ?? repo.name,
    environment: d.environment,
    version: payloadString(extra, 'version') ?? d.ref ?? shortSha(d.sha),
    commitSha: d.sha,
    status,
    triggeredBy: `github:${d.creator?.login ?? actor ?? 'unknown'}`,
    startedAt: d.created_at,
    finishedAt: isTerminal(status) ? changedAt : null,
    catalogLookup: {
      annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
      value: repo.full_name,
    },
  };
}

function workflowRunStatus(
  status: string,
  conclusion: string | null | undefined,
): DeploymentStatus | undefined {
  if (status === 'completed') {
    switch (conclusion) {
      case 'success':
        return 'succeeded';
      case 'failure':
      case 'timed_out':
      case 'startup_failure':
      case 'cancelled':
        return 'failed';
      default:
        return undefined; // neutral, skipped, stale, action_required
    }
  }
  if (status === 'in_progress') {
    return 'in_progress';
  }
  if (['queued', 'requested', 'waiting', 'pending'].includes(status)) {
    return 'queued';
  }
  return undefined;
}

/**
 * GitHub `deployment`, `deployment_status`, `workflow_run` and
 * `pull_request` (preview environments) events,
 * signed with `X-Hub-Signature-256` and keyed by `X-GitHub-Delivery`.
 *
 * @internal
 */
export const githubProvider: WebhookProviderSpec = {
  provider: 'github',
  authHeader: 'X-Hub-Signature-256',

  authenticate(request: WebhookRequest, secret: string) {
    return verifyWebhookSignature({
      secret,
      body: request.rawBody,
      signature: header(request, 'x-hub-signature-256'),
    });
  },

  parseBody(request) {
    const type = header(request, 'content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded')) {
      // GitHub's form content type: the JSON is the `payload` field
      const payload = new URLSearchParams(request.rawBody.toString('utf8')).get(
        'payload',
      );
      return parseJsonBody(payload ?? '');
    }
    return parseJsonBody(request.rawBody);
  },

  eventOf(request) {
    const event = header(request, 'x-github-event');
    if (!event || event.length > 128) {
      throw new MalformedDeliveryError(
        'X-GitHub-Event: expected an event name of 1 to 128 characters',
      );
    }
    return event;
  },

  deliveryKey(request) {
    const key = header(request, 'x-github-delivery');
    if (!key || key.length > 200) {
      throw new MalformedDeliveryError(
        'X-GitHub-Delivery: expected a delivery id of 1 to 200 characters',
      );
    }
    return key;
  },

  interpret(event, payload, context): Interpretation {
    switch (event) {
      case 'deployment': {
        const parsed = parsePayload(deploymentEvent, payload);
        return {
          kind: 'deployment',
          update: fromDeployment(
            parsed,
            'queued',
            parsed.deployment.created_at,
          ),
        };
      }
      case 'deployment_status': {
        const parsed = parsePayload(deploymentStatusEvent, payload);
        const status = parsed.deployment_status;
        return {
          kind: 'deployment',
          update: fromDeployment(
            parsed,
            STATE[status.state],
            status.created_at,
            status.creator?.login,
          ),
        };
      }
      case 'workflow_run': {
        const parsed = parsePayload(workflowRunEvent, payload);
        const run = parsed.workflow_run;
        const environment = context.githubWorkflowEnvironments[run.path];
        if (!environment) {
          return {
            kind: 'ignored',
            reason: `workflow ${run.path} is not mapped to an environment (deploymentRollback.webhooks.github.workflows)`,
          };
        }
        const status = workflowRunStatus(run.status, run.conclusion);
        if (!status) {
          return {
            kind: 'ignored',
            reason: `workflow run ${run.status}/${
              run.conclusion ?? '-'
            } is not a deployment state`,
          };
        }
        return {
          kind: 'deployment',
          update: {
            externalId: `github:run:${run.id}:${run.run_attempt ?? 1}`,
            service: parsed.repository.name,
            environment,
            version: run.head_branch ?? shortSha(run.head_sha),
            commitSha: run.head_sha,
            status,
            triggeredBy: `github:${run.actor?.login ?? 'unknown'}`,
            startedAt: run.run_started_at ?? run.created_at,
            finishedAt: isTerminal(status) ? run.updated_at : null,
            catalogLookup: {
              annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
              value: parsed.repository.full_name,
            },
          },
        };
      }
      case 'pull_request': {
        const parsed = parsePayload(pullRequestEvent, payload);
        const teardown = PREVIEW_TEARDOWN_ACTIONS.includes(parsed.action);
        if (!teardown && !PREVIEW_DEPLOY_ACTIONS.includes(parsed.action)) {
          return {
            kind: 'ignored',
            reason: `pull_request ${parsed.action} changes no preview`,
          };
        }
        const pr = parsed.pull_request;
        return {
          kind: 'preview',
          preview: {
            action: teardown ? 'teardown' : 'deploy',
            service: parsed.repository.name,
            repository: parsed.repository.full_name,
            pullRequest: parsed.number,
            title: pr.title ?? null,
            branch: pr.head.ref,
            commitSha: pr.head.sha,
            author: pr.user?.login ? `github:${pr.user.login}` : null,
            catalogLookup: {
              annotation: GITHUB_PROJECT_SLUG_ANNOTATION,
              value: parsed.repository.full_name,
            },
          },
        };
      }
      default:
        return {
          kind: 'ignored',
          reason: `GitHub event ${event} does not describe a deployment`,
        };
    }
  },
};
