import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotFoundError,
} from '@backstage/errors';
import { idSchema, pageQuerySchema } from '@opshub/opshub-common';
import {
  actorOf,
  authorizeRequest,
  parseInput,
  verifyWebhookToken,
} from '@opshub/opshub-node';
import {
  alertAcknowledgePermission,
  alertEscalatePermission,
  alertResolvePermission,
  checkReadPermission,
} from '@opshub/plugin-infra-health-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AlertService } from '../alerts/AlertService';

/** The path of the Alertmanager webhook, opened with addAuthPolicy. @internal */
export const ALERTMANAGER_WEBHOOK_PATH = '/alerts/alertmanager';

/** Alertmanager sends every alert of a group; 1000 alerts fit in this. */
const MAX_WEBHOOK_BODY = '5mb';

const name = z.string().trim().min(1).max(255);
const listQuery = pageQuerySchema.extend({
  state: z.enum(['firing', 'acknowledged', 'resolved']).optional(),
  service: name.optional(),
  severity: z.string().trim().min(1).max(64).optional(),
});
const idParams = z.object({ id: idSchema });
const comment = z.string().trim().max(2000).optional();
const acknowledgeBody = z
  .object({
    comment,
    until: z
      .string()
      .max(64)
      .refine(value => !Number.isNaN(Date.parse(value)), {
        message: 'expected an ISO 8601 timestamp',
      })
      .transform(value => new Date(value))
      .optional(),
  })
  .strict();
const escalateBody = z
  .object({
    target: z.enum(['slack', 'pagerduty']),
    note: comment,
  })
  .strict();
const resolveBody = z.object({ comment }).strict();

/**
 * `POST /alerts/alertmanager`, mounted before any JSON parser so that the
 * bearer token is checked before the body is read. Unauthenticated for
 * Backstage (addAuthPolicy on this exact path); it authenticates
 * Alertmanager by `Authorization: Bearer <infraHealth.alertmanager.token>`,
 * compared in constant time. No token configured: 404 and nothing stored.
 *
 * @internal
 */
export function createAlertmanagerWebhookRouter(
  alerts: AlertService,
): express.Router {
  const router = Router();
  router.post(
    ALERTMANAGER_WEBHOOK_PATH,
    (req, _res, next) => {
      const token = alerts.alertmanagerToken;
      if (!token) {
        throw new NotFoundError(
          'The Alertmanager webhook is not configured (infraHealth.alertmanager.token)',
        );
      }
      const header = req.headers.authorization;
      const match =
        typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header) : null;
      if (!verifyWebhookToken({ token, given: match?.[1]?.trim() })) {
        throw new AuthenticationError(
          'Missing or invalid Alertmanager webhook bearer token',
        );
      }
      next();
    },
    express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY }),
    async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw new InputError('Invalid Alertmanager payload: not JSON');
      }
      res.json(await alerts.receiveAlertmanager(body));
    },
  );
  return router;
}

/**
 * The alert routes for Backstage users: list, read, acknowledge, escalate,
 * resolve. Mounted after the JSON body parser.
 *
 * @internal
 */
export function createAlertsRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  alerts: AlertService;
}): express.Router {
  const { httpAuth, permissions, alerts } = options;
  const router = Router();
  const canRead = { httpAuth, permissions, permission: checkReadPermission };

  router.get('/alerts', async (req, res) => {
    const query = parseInput(listQuery, req.query, 'query');
    await authorizeRequest(req, canRead);
    const { limit, offset, ...filter } = query;
    res.json(await alerts.listAlerts(filter, { limit, offset }));
  });

  router.get('/alerts/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorizeRequest(req, canRead);
    res.json(await alerts.getAlert(id));
  });

  router.post('/alerts/:id/acknowledge', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(acknowledgeBody, req.body ?? {}, 'body');
    const credentials = await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: alertAcknowledgePermission,
    });
    res.json(await alerts.acknowledge(id, body, actorOf(credentials)));
  });

  router.post('/alerts/:id/escalate', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(escalateBody, req.body ?? {}, 'body');
    const credentials = await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: alertEscalatePermission,
    });
    // 201 with the recorded escalation, whether it was sent or failed:
    // the body's `outcome` and `error` say which
    res.status(201).json(await alerts.escalate(id, body, actorOf(credentials)));
  });

  router.post('/alerts/:id/resolve', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(resolveBody, req.body ?? {}, 'body');
    const credentials = await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: alertResolvePermission,
    });
    res.json(await alerts.resolve(id, body, actorOf(credentials)));
  });

  return router;
}
