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
import Router from 'express-promise-router';
import { z } from 'zod';
import { LogService } from '../logs/LogService';
import { registerLogRoutes } from '../logs/logRoutes';
import { registerRollupRoutes } from '../rollups/rollupRoutes';
import { RollupService } from '../rollups/RollupService';
import { registerSloRoutes } from '../slo/sloRoutes';
import { SloService } from '../slo/SloService';
import { AlertService } from '../alerts/AlertService';
import {
  createAlertmanagerWebhookRouter,
  createAlertsRouter,
} from './alertsRouter';
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
  rollups?: RollupService;
  slos?: SloService;
  logs?: LogService;
  alerts?: AlertService;
}): Promise<express.Router> {
  const { httpAuth, permissions, service, rollups, slos, logs, alerts } =
    options;
  const outer = Router();
  // before the JSON parser: the webhook checks its token before reading the body
  if (alerts) outer.use(createAlertmanagerWebhookRouter(alerts));
  const router = createBaseRouter();
  outer.use(router);
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

  if (rollups) registerRollupRoutes(router, { httpAuth, permissions, rollups });
  if (slos) registerSloRoutes(router, { httpAuth, permissions, slos });
  if (logs) registerLogRoutes(router, { httpAuth, permissions, logs });
  if (alerts) router.use(createAlertsRouter({ httpAuth, permissions, alerts }));
  registerCheckRoutes(router, { httpAuth, permissions, service });

  return outer;
}
