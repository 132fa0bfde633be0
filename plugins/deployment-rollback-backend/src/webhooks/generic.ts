import { verifyWebhookSignature } from '@opshub/opshub-node';
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
import {
  Interpretation,
  MalformedDeliveryError,
  WebhookProviderSpec,
} from './types';

/** The body of `POST /webhooks/generic`. */
export const genericDeploymentSchema = z.object({
  /** Optional id of the deployment in the caller's system, for updates. */
  id: optionalText(200),
  service: nameField,
  environment: nameField,
  version: nameField,
  status: z.enum([
    'queued',
    'in_progress',
    'succeeded',
    'failed',
    'superseded',
  ]),
  commitSha: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{7,64}$/i, 'expected a hexadecimal commit sha')
    .optional(),
  commitMessage: z.string().max(10_000).optional(),
  author: optionalText(200),
  url: z.string().url().max(2048).optional(),
  startedAt: optionalTimestampField,
  finishedAt: optionalTimestampField,
});

/**
 * Any CI system: a JSON deployment signed with
 * `X-OpsHub-Signature-256: sha256=<hex>` and keyed by `X-OpsHub-Delivery`.
 *
 * @internal
 */
export const genericProvider: WebhookProviderSpec = {
  provider: 'generic',
  authHeader: 'X-OpsHub-Signature-256',

  authenticate(request, secret) {
    return verifyWebhookSignature({
      secret,
      body: request.rawBody,
      signature: header(request, 'x-opshub-signature-256'),
    });
  },

  parseBody(request) {
    return parseJsonBody(request.rawBody);
  },

  eventOf() {
    return 'deployment';
  },

  deliveryKey(request) {
    const key = header(request, 'x-opshub-delivery');
    if (!key || key.length > 200) {
      throw new MalformedDeliveryError(
        'X-OpsHub-Delivery: expected a delivery id of 1 to 200 characters',
      );
    }
    return key;
  },

  interpret(_event, payload, context): Interpretation {
    const body = parsePayload(genericDeploymentSchema, payload);
    const terminal = body.status !== 'queued' && body.status !== 'in_progress';
    const identity =
      body.id ??
      `${body.service}/${body.environment}/${body.version}/${
        body.startedAt?.toISOString() ?? ''
      }`;
    return {
      kind: 'deployment',
      update: {
        externalId: boundedKey(`generic:${identity}`),
        service: body.service,
        environment: body.environment,
        version: body.version,
        commitSha: body.commitSha ?? null,
        status: body.status,
        triggeredBy: body.author ?? 'generic',
        startedAt: body.startedAt ?? context.receivedAt,
        finishedAt: terminal ? body.finishedAt ?? context.receivedAt : null,
      },
    };
  },
};
