import { verifyWebhookToken } from '@opshub/opshub-node';
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
  Interpretation,
  MalformedDeliveryError,
  WebhookProviderSpec,
} from './types';

/** The catalog annotation that links a Component to its GitLab project. */
export const GITLAB_PROJECT_SLUG_ANNOTATION = 'gitlab.com/project-slug';

const project = z.object({
  id: z.number().int().nonnegative(),
  path_with_namespace: z.string().trim().min(1).max(1024),
});

const user = z
  .object({ username: z.string().min(1).max(200) })
  .passthrough()
  .nullish();

const deploymentHook = z.object({
  object_kind: z.literal('deployment'),
  status: z.enum([
    'created',
    'running',
    'success',
    'failed',
    'canceled',
    'blocked',
  ]),
  status_changed_at: timestampField,
  deployment_id: z.number().int().nonnegative(),
  environment: nameField,
  project,
  short_sha: z.string().min(1).max(64),
  ref: optionalText(255),
  user,
});

const pipelineHook = z.object({
  object_kind: z.literal('pipeline'),
  object_attributes: z.object({
    id: z.number().int().nonnegative(),
    ref: optionalText(255),
    sha: z.string().min(1).max(64),
    status: z.string().min(1).max(64),
    created_at: timestampField,
    finished_at: timestampField.nullish(),
  }),
  project,
  user,
  builds: z
    .array(
      z
        .object({
          environment: z
            .object({ name: nameField, action: z.string().max(64).nullish() })
            .nullish(),
        })
        .passthrough(),
    )
    .max(10_000)
    .nullish(),
});

const DEPLOYMENT_STATUS: Record<
  z.infer<typeof deploymentHook>['status'],
  DeploymentStatus
> = {
  created: 'queued',
  blocked: 'queued',
  running: 'in_progress',
  success: 'succeeded',
  failed: 'failed',
  canceled: 'failed',
};

function pipelineStatus(status: string): DeploymentStatus | undefined {
  if (
    [
      'created',
      'waiting_for_resource',
      'preparing',
      'pending',
      'scheduled',
      'manual',
    ].includes(status)
  ) {
    return 'queued';
  }
  switch (status) {
    case 'running':
      return 'in_progress';
    case 'success':
      return 'succeeded';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return undefined; // skipped
  }
}

/** The project's path, the last segment of `group/sub/project`. */
function projectName(path: string): string {
  return path.split('/').pop()!.slice(0, 255);
}

function isTerminal(status: DeploymentStatus): boolean {
  return status !== 'queued' && status !== 'in_progress';
}

/**
 * GitLab Deployment and Pipeline hooks, authenticated by `X-Gitlab-Token`
 * and keyed by `X-Gitlab-Webhook-UUID`, or by `Idempotency-Key` when GitLab
 * sends one (it stays the same on retries, the UUID does not).
 *
 * @internal
 */
export const gitlabProvider: WebhookProviderSpec = {
  provider: 'gitlab',
  authHeader: 'X-Gitlab-Token',

  authenticate(request, secret) {
    return verifyWebhookToken({
      token: secret,
      given: header(request, 'x-gitlab-token'),
    });
  },

  parseBody(request) {
    return parseJsonBody(request.rawBody);
  },

  eventOf(request, payload) {
    const kind = (payload as { object_kind?: unknown }).object_kind;
    if (typeof kind === 'string' && kind && kind.length <= 128) {
      return kind;
    }
    const event = header(request, 'x-gitlab-event');
    if (!event || event.length > 128) {
      throw new MalformedDeliveryError(
        'object_kind: expected the GitLab event kind',
      );
    }
    return event;
  },

  deliveryKey(request) {
    // X-Gitlab-Webhook-UUID is new on every request, retries included;
    // GitLab 17.4+ also sends Idempotency-Key, which a retry keeps
    const idempotencyKey = header(request, 'idempotency-key');
    if (idempotencyKey && idempotencyKey.length <= 200) {
      return `idempotency:${idempotencyKey}`;
    }
    const key = header(request, 'x-gitlab-webhook-uuid');
    if (!key || key.length > 200) {
      throw new MalformedDeliveryError(
        'X-Gitlab-Webhook-UUID: expected a delivery id of 1 to 200 characters',
      );
    }
    return key;
  },

  interpret(event, payload, context): Interpretation {
    if (event === 'deployment') {
      const hook = parsePayload(deploymentHook, payload);
      const status = DEPLOYMENT_STATUS[hook.status];
      return {
        kind: 'deployment',
        update: {
          externalId: `gitlab:deployment:${hook.deployment_id}`,
          service: projectName(hook.project.path_with_namespace),
          environment: hook.environment,
          version: hook.ref ?? hook.short_sha,
          commitSha: hook.short_sha,
          status,
          triggeredBy: `gitlab:${hook.user?.username ?? 'unknown'}`,
          startedAt: hook.status_changed_at,
          finishedAt: isTerminal(status) ? hook.status_changed_at : null,
          catalogLookup: {
            annotation: GITLAB_PROJECT_SLUG_ANNOTATION,
            value: hook.project.path_with_namespace,
          },
        },
      };
    }
    if (event === 'pipeline') {
      const hook = parsePayload(pipelineHook, payload);
      const pipeline = hook.object_attributes;
      const environment = (hook.builds ?? []).find(
        build =>
          build.environment &&
          (build.environment.action ?? 'start') === 'start',
      )?.environment?.name;
      if (!environment) {
        return {
          kind: 'ignored',
          reason: 'pipeline has no job that deploys to an environment',
        };
      }
      const status = pipelineStatus(pipeline.status);
      if (!status) {
        return {
          kind: 'ignored',
          reason: `pipeline status ${pipeline.status} is not a deployment state`,
        };
      }
      return {
        kind: 'deployment',
        update: {
          externalId: `gitlab:pipeline:${hook.project.id}:${pipeline.id}`,
          service: projectName(hook.project.path_with_namespace),
          environment,
          version: pipeline.ref ?? shortSha(pipeline.sha),
          commitSha: pipeline.sha,
          status,
          triggeredBy: `gitlab:${hook.user?.username ?? 'unknown'}`,
          startedAt: pipeline.created_at,
          finishedAt: isTerminal(status)
            ? pipeline.finished_at ?? context.receivedAt
            : null,
          catalogLookup: {
            annotation: GITLAB_PROJECT_SLUG_ANNOTATION,
            value: hook.project.path_with_namespace,
          },
        },
      };
    }
    return {
      kind: 'ignored',
      reason: `GitLab event ${event} does not describe a deployment`,
    };
  },
};
