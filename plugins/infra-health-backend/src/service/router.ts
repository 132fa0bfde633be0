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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  checkManagePermission,
  checkReadPermission,
} from '@opshub/plugin-infra-health-common';
import express from 'express';
import { z } from 'zod';
import { registerCheckRoutes } from './checkRoutes';
import { HealthService } from './HealthService';

const checksQuery = z.object({
  service: z.string().trim().min(1).max(255).optional(),
});
const checkParams = z.object({
  id: z
    .string()
    .regex(/^\d+$/, 'Expected a numeric id')
    .transform(Number)
    .pipe(z.number().int().positive().max(2_147_483_647)),
});

/** @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: HealthService;
}): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const router = createBaseRouter();
  const canRead = { httpAuth, permissions, permission: checkReadPermission };

  router.get('/checks', async (req, res) => {
    const query = parseInput(checksQuery, req.query, 'query');
    const credentials = await authorizeRequest(req, canRead);
    // whether the UI shows add/edit/delete (the routes check again)
    const [manage] = await permissions.authorize(
      [{ permission: checkManagePermission }],
      { credentials },
    );
    res.json({
      items: await service.listChecks(query),
      canManage: manage.result === AuthorizeResult.ALLOW,
    });
  });

  router.get('/checks/:id/samples', async (req, res) => {
    const { id } = parseInput(checkParams, req.params, 'path');
    const page = parseInput(pageQuerySchema, req.query, 'query');
    await authorizeRequest(req, canRead);
    res.json(await service.listSamples(id, page));
  });

  registerCheckRoutes(router, { httpAuth, permissions, service });

  return router;
}
