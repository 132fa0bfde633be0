import { InputError, NotFoundError } from '@backstage/errors';
import { WebhookProvider } from '@opshub/plugin-deployment-rollback-common';
import express from 'express';
import Router from 'express-promise-router';
import { WEBHOOK_PROVIDER_NAMES } from '../webhooks/providers';
import { WebhookService } from './WebhookService';

/** The largest webhook body accepted (GitHub caps payloads at 25 MB; ours are small). */
const MAX_BODY = '1mb';

/**
 * `POST /webhooks/:provider`, mounted at `/webhooks` before any JSON body
 * parser: the body is read raw, because signatures are computed over the
 * exact bytes sent. These routes are the only unauthenticated ones
 * (`httpRouter.addAuthPolicy({ path: '/webhooks', ... })`); each one
 * authenticates its caller by signature or token instead.
 *
 * @internal
 */
export function createWebhookRouter(webhooks: WebhookService): express.Router {
  const router = Router();
  router.post(
    '/:provider',
    express.raw({ type: () => true, limit: MAX_BODY }),
    async (req, res) => {
      const provider = req.params.provider as WebhookProvider;
      if (!WEBHOOK_PROVIDER_NAMES.includes(provider)) {
        throw new NotFoundError(`No webhook provider ${req.params.provider}`);
      }
      const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const result = await webhooks.receive(provider, {
        headers: req.headers,
        rawBody,
      });
      if (result.status === 400) {
        throw new InputError(result.message);
      }
      res.status(result.status).json(result.body);
    },
  );
  return router;
}
