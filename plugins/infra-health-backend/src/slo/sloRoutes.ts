import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { idSchema } from '@opshub/opshub-common';
import { actorOf, authorizeRequest, parseInput } from '@opshub/opshub-node';
import {
  checkReadPermission,
  sloManagePermission,
} from '@opshub/plugin-infra-health-common';
import express from 'express';
import { z } from 'zod';
import { sloDefinitionSchema } from './schema';
import { SloService } from './SloService';

const slosQuery = z.object({
  service: z.string().trim().min(1).max(255).optional(),
});
const sloParams = z.object({ id: idSchema });

/**
 * `GET /slos`, `POST /slos`, `PUT /slos/:id`, `DELETE /slos/:id`.
 *
 * @internal
 */
export function registerSloRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    slos: SloService;
  },
) {
  const { httpAuth, permissions, slos } = options;
  const canRead = { httpAuth, permissions, permission: checkReadPermission };
  const canManage = { httpAuth, permissions, permission: sloManagePermission };

  router.get('/slos', async (req, res) => {
    const query = parseInput(slosQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    res.json({ items: await slos.listSlos(query) });
  });

  router.post('/slos', async (req, res) => {
    const body = parseInput(sloDefinitionSchema, req.body, 'body');
    const credentials = await authorizeRequest(req, canManage);
    res.status(201).json(await slos.createSlo(body, actorOf(credentials)));
  });

  router.put('/slos/:id', async (req, res) => {
    const { id } = parseInput(sloParams, req.params, 'path');
    const body = parseInput(sloDefinitionSchema, req.body, 'body');
    const credentials = await authorizeRequest(req, canManage);
    res.json(await slos.updateSlo(id, body, actorOf(credentials)));
  });

  router.delete('/slos/:id', async (req, res) => {
    const { id } = parseInput(sloParams, req.params, 'path');
    const credentials = await authorizeRequest(req, canManage);
    await slos.deleteSlo(id, actorOf(credentials));
    res.status(204).end();
  });
}
