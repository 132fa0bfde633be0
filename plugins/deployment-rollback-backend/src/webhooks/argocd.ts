import { verifyWebhookToken } from '@opshub/opshub-node';
import { DeploymentStatus } from '@opshub/plugin-deployment-rollback-common';
import { z } from 'zod';
import {
  boundedKey,
  header,
  nameField,
  optionalText,
  optionalTimestampField,
  parseJsonBody,
  parsePayload,
} from './common';
import { Interpretation, WebhookProviderSpec } from './types';

/**
 * The body our Argo CD notification template sends (README, "Argo CD").
 * Argo CD renders unset fields as `<no value>`; those count as absent.
 */
const notification = z.object({
  app: nameField,
  service: optionalText(255),
  environment: nameField,
  revision: z.string().trim().min(1).max(255),
  version: optionalText(255),
  phase: z.enum(['Running', 'Terminating', 'Succeeded', 'Failed', 'Error']),
  author: optionalText(200),
  startedAt: optionalTimestampField,
  finishedAt: optionalTimestampField,
});

const PHASE: Record<z.infer<typeof notification>['phase'], DeploymentStatus> = {
  Running: 'in_progress',
  Terminating: 'in_progress',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Error: 'failed',
};

function revisionVersion(revision: string): string {
  return /^[0-9a-f]{40}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

/** What makes an Argo CD notification unique: app, revision, finishedAt. */
function keyParts(payload: unknown): string[] {
  const body = payload as Record<string, unknown>;
  const text = (value: unknown) =>
    typeof value === 'string' && value !== '<no value>' ? value : '';
  return [text(body.app), text(body.revision), text(body.finishedAt)];
}

/**
 * Argo CD notifications (the webhook service of argocd-notifications),
 * authenticated by the `X-Argocd-Token` header. Argo CD retries on 5xx and
 * sends no delivery id, so the key is app + revision + finishedAt.
 *
 * @internal
 */
export const argocdProvider: WebhookProviderSpec = {
  provider: 'argocd',
  authHeader: 'X-Argocd-Token',

  authenticate(request, secret) {
    return verifyWebhookToken({
      token: secret,
      given: header(request, 'x-argocd-token'),
    });
  },

  parseBody(request) {
    return parseJsonBody(request.rawBody);
  },

  eventOf() {
    return 'sync';
  },

  deliveryKey(_request, payload) {
    parsePayload(
      z.object({ app: nameField, revision: z.string().trim().min(1) }),
      payload,
    );
    return boundedKey(keyParts(payload).join('@'));
  },

  interpret(_event, payload, context): Interpretation {
    const body = parsePayload(notification, payload);
    const status = PHASE[body.phase];
    const terminal = status === 'succeeded' || status === 'failed';
    return {
      kind: 'deployment',
      update: {
        externalId: boundedKey(
          `argocd:${body.app}:${body.revision}:${
            body.startedAt?.toISOString() ?? ''
          }`,
        ),
        service: body.service ?? body.app,
        environment: body.environment,
        version: body.version ?? revisionVersion(body.revision),
        commitSha: /^[0-9a-f]{7,64}$/i.test(body.revision)
          ? body.revision
          : null,
        status,
        triggeredBy: `argocd:${body.author ?? 'argocd'}`,
        startedAt: body.startedAt ?? context.receivedAt,
        finishedAt: terminal ? body.finishedAt ?? context.receivedAt : null,
      },
    };
  },
};
