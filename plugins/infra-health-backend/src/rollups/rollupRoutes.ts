import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { idSchema } from '@opshub/opshub-common';
import { authorizeRequest, parseInput } from '@opshub/opshub-node';
import { checkReadPermission } from '@opshub/plugin-infra-health-common';
import express from 'express';
import { z } from 'zod';
import { RollupService } from './RollupService';

const isoDate = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
  .transform(value => new Date(value));

const rollupParams = z.object({ id: idSchema });
const rollupQuery = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/**
 * `GET /checks/:id/rollups?from=&to=`: a check's hourly rollups.
 *
 * @internal
 */
export function registerRollupRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    rollups: RollupService;
  },
) {
  const { httpAuth, permissions, rollups } = options;
  router.get('/checks/:id/rollups', async (req, res) => {
    const { id } = parseInput(rollupParams, req.params, 'path');
    const range = parseInput(rollupQuery, req.query, 'query');
    await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: checkReadPermission,
    });
    res.json({ items: await rollups.listRollups(id, range) });
  });
}
