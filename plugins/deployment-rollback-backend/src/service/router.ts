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
import { deploymentReadPermission } from '@opshub/plugin-deployment-rollback-common';
import express from 'express';
import { z } from 'zod';
import { DeploymentService } from './DeploymentService';

const name = z.string().trim().min(1).max(255);
const listQuery = pageQuerySchema.extend({
  service: name.optional(),
  environment: name.optional(),
});
const environmentsQuery = z.object({ service: name.optional() });

/** @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: DeploymentService;
}): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const router = createBaseRouter();
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

  return router;
}
