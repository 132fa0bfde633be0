import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { idSchema } from '@opshub/opshub-common';
import { authorizeRequest, parseInput } from '@opshub/opshub-node';
import {
  checkManagePermission,
  checkReadPermission,
} from '@opshub/plugin-infra-health-common';
import express from 'express';
import { z } from 'zod';
import { checkInputSchema } from './checkInput';
import { HealthService } from './HealthService';

const idParams = z.object({ id: idSchema });

/**
 * `GET /checks/:id`, and the API checks' `POST /checks`, `PUT /checks/:id`
 * and `DELETE /checks/:id` (permission `infra-health.check.manage`). Config
 * checks answer 409 to PUT and DELETE.
 *
 * @internal
 */
export function registerCheckRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    service: HealthService;
  },
): void {
  const { httpAuth, permissions, service } = options;
  const canRead = { httpAuth, permissions, permission: checkReadPermission };
  const canManage = {
    httpAuth,
    permissions,
    permission: checkManagePermission,
  };

  router.get('/checks/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorizeRequest(req, canRead);
    res.json(await service.getCheck(id));
  });

  router.post('/checks', async (req, res) => {
    const body = parseInput(checkInputSchema, req.body, 'body');
    await authorizeRequest(req, canManage);
    res.status(201).json(await service.createCheck(body));
  });

  router.put('/checks/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(checkInputSchema, req.body, 'body');
    await authorizeRequest(req, canManage);
    res.json(await service.updateCheck(id, body));
  });

  router.delete('/checks/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorizeRequest(req, canManage);
    await service.deleteCheck(id);
    res.status(204).end();
  });
}
