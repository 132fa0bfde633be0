import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { idSchema, pageQuerySchema } from '@opshub/opshub-common';
import {
  actorOf,
  authorizeRequest,
  createBaseRouter,
  parseInput,
} from '@opshub/opshub-node';
import {
  deliveryReadPermission,
  deploymentReadPermission,
  deploymentRollbackPermission,
  deploymentTriggerPermission,
} from '@opshub/plugin-deployment-rollback-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DeploymentService } from './DeploymentService';
import { ExecutionService } from './ExecutionService';
import { PreviewService } from './PreviewService';
import { createWebhookRouter } from './webhookRouter';
import { WebhookService } from './WebhookService';

const name = z.string().trim().min(1).max(255);
const timestamp = z
  .string()
  .max(64)
  .refine(value => !Number.isNaN(Date.parse(value)), {
    message: 'expected an ISO 8601 date or timestamp',
  })
  .transform(value => new Date(value));
const listQuery = pageQuerySchema
  .extend({
    service: name.optional(),
    environment: name.optional(),
    status: z
      .enum([
        'queued',
        'in_progress',
        'succeeded',
        'failed',
        'rolled_back',
        'superseded',
      ])
      .optional(),
    from: timestamp.optional(),
    to: timestamp.optional(),
  })
  .refine(q => !q.from || !q.to || q.from <= q.to, {
    message: 'must not be before from',
    path: ['to'],
  });
const targetParams = z.object({ service: name, environment: name });
const idParams = z.object({ id: idSchema });
const triggerBody = z.object({
  version: z.string().trim().min(1).max(128),
  reason: z.string().trim().max(2000).optional(),
});
const rollbackBody = z.object({
  reason: z.string().trim().min(1).max(2000),
  targetDeploymentId: idSchema.optional(),
});
const auditQuery = pageQuerySchema.extend({
  service: name.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
const previewsQuery = pageQuerySchema.extend({
  service: name.optional(),
  pr: idSchema.optional(),
  state: z
    .enum([
      'pending',
      'deployed',
      'failed',
      'closing',
      'closed',
      'teardown_failed',
    ])
    .optional(),
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
  execution: ExecutionService;
  webhooks: WebhookService;
  previews: PreviewService;
}): Promise<express.Router> {
  const { httpAuth, permissions, service, execution, webhooks, previews } =
    options;
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

  router.get('/deployments/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorizeRequest(req, canRead);
    res.json(await service.getDeployment(id));
  });

  router.get(
    '/services/:service/environments/:environment/rollback-target',
    async (req, res) => {
      const params = parseInput(targetParams, req.params, 'path');
      await authorizeRequest(req, canRead);
      res.json(
        await execution.rollbackTarget(params.service, params.environment),
      );
    },
  );

  router.post(
    '/services/:service/environments/:environment/deployments',
    async (req, res) => {
      const params = parseInput(targetParams, req.params, 'path');
      const body = parseInput(triggerBody, req.body ?? {}, 'body');
      const credentials = await authorizeRequest(req, {
        httpAuth,
        permissions,
        permission: deploymentTriggerPermission,
        resourceRef: await execution.owningEntityRef(params.service),
      });
      const deployment = await execution.trigger({
        ...params,
        version: body.version,
        reason: body.reason || undefined,
        actor: actorOf(credentials),
      });
      res.status(202).json(deployment);
    },
  );

  router.post(
    '/services/:service/environments/:environment/rollback',
    async (req, res) => {
      const params = parseInput(targetParams, req.params, 'path');
      const body = parseInput(rollbackBody, req.body ?? {}, 'body');
      const credentials = await authorizeRequest(req, {
        httpAuth,
        permissions,
        permission: deploymentRollbackPermission,
        resourceRef: await execution.owningEntityRef(params.service),
      });
      const deployment = await execution.rollback({
        ...params,
        reason: body.reason,
        targetDeploymentId: body.targetDeploymentId,
        actor: actorOf(credentials),
      });
      res.status(202).json(deployment);
    },
  );

  router.get('/audit', async (req, res) => {
    const query = parseInput(auditQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    const { limit, offset, format, ...filter } = query;
    if (format === 'csv') {
      const file = `deployment-audit${
        filter.service ? `-${filter.service.replace(/[^\w.-]/g, '_')}` : ''
      }.csv`;
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .attachment(file)
        .send(await service.exportAuditCsv(filter));
      return;
    }
    res.json(await service.listAudit(filter, { limit, offset }));
  });

  router.get('/environments', async (req, res) => {
    const query = parseInput(environmentsQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    res.json({ items: await service.currentVersions(query) });
  });

  router.get('/previews', async (req, res) => {
    const query = parseInput(previewsQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    const { limit, offset, pr, ...filter } = query;
    res.json(
      await previews.listPreviews(
        { ...filter, pullRequest: pr },
        { limit, offset },
      ),
    );
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
