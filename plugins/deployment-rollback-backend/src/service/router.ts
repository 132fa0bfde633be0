import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { pageQuerySchema } from '@opshub/opshub-common';
import {
  authorizeRequest,
  createBaseRouter,
  parseInput,
} from '@opshub/opshub-node';
import {
  deliveryReadPermission,
  deploymentReadPermission,
} from '@opshub/plugin-deployment-rollback-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DeploymentService } from './DeploymentService';
import { createWebhookRouter } from './webhookRouter';
import { WebhookService } from './WebhookService';

const name = z.string().trim().min(1).max(255);
const listQuery = pageQuerySchema.extend({
  service: name.optional(),
  environment: name.optional(),
});
const environmentsQuery = z.object({ service: name.optional() });
const deliveriesQuery = pageQuerySchema.extend({
  provider: z.enum(['github', 'gitlab', 'argocd', 'generic']).optional(),
  outcome: z
    .enum(['pending', 'processed', 'rejected', 'ignored', 'failed'])
    .optional(),
});

/** @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: DeploymentService;
  webhooks: WebhookService;
}): Promise<express.Router> {
  const { httpAuth, permissions, service, webhooks } = options;
  const outer = Router();
  // before the JSON parser of the base router: signatures need raw bytes
  outer.use('/webhooks', createWebhookRouter(webhooks));
  const router = createBaseRouter();
  outer.use(router);
  const canRead = {
    httpAuth,
    permissions,
    permission: deploymentReadPermission,
  };

  router.get('/deployments', async (req, res) => {
    const query = parseInput(listQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    const { limit, offset, ...filter } = query;
    res.json(await service.listDeployments(filter, { limit, offset }));
  });

  router.get('/environments', async (req, res) => {
    const query = parseInput(environmentsQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    res.json({ items: await service.currentVersions(query) });
  });

  router.get('/deliveries', async (req, res) => {
    const query = parseInput(deliveriesQuery, req.query, 'query');
    await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: deliveryReadPermission,
    });
    const { limit, offset, ...filter } = query;
    res.json(await webhooks.listDeliveries(filter, { limit, offset }));
  });

  return outer;
}
