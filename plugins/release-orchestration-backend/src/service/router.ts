import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  authorizeRequest,
  createBaseRouter,
  pageQuerySchema,
  parseInput,
} from '@opshub/opshub-node';
import { clusterReadPermission } from '@opshub/plugin-release-orchestration-common';
import express from 'express';
import { z } from 'zod';
import { ReleaseService } from './ReleaseService';

const clusterParams = z.object({ name: z.string().trim().min(1).max(255) });
const customersQuery = pageQuerySchema.extend({
  search: z.string().trim().max(255).optional(),
});

/** @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: ReleaseService;
}): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const router = createBaseRouter();
  const canRead = { httpAuth, permissions, permission: clusterReadPermission };

  router.get('/clusters', async (req, res) => {
    await authorizeRequest(req, canRead);
    res.json({ items: await service.listClusters() });
  });

  router.get('/clusters/:name', async (req, res) => {
    const { name } = parseInput(clusterParams, req.params, 'path');
    await authorizeRequest(req, canRead);
    res.json(await service.getCluster(name));
  });

  router.get('/clusters/:name/customers', async (req, res) => {
    const { name } = parseInput(clusterParams, req.params, 'path');
    const page = parseInput(pageQuerySchema, req.query, 'query');
    await authorizeRequest(req, canRead);
    res.json(await service.listClusterCustomers(name, page));
  });

  router.get('/customers', async (req, res) => {
    const { search, ...page } = parseInput(customersQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    res.json(await service.searchCustomers(search, page));
  });

  return router;
}
