import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { authorizeRequest, parseInput } from '@opshub/opshub-node';
import { checkReadPermission } from '@opshub/plugin-infra-health-common';
import express from 'express';
import { z } from 'zod';
import { LogService } from './LogService';

const logsQuery = z.object({
  service: z.string().trim().min(1).max(255),
  since: z
    .string()
    .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
    .transform(value => new Date(value))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/**
 * `GET /logs?service=&since=&limit=`: recent error and warning lines.
 *
 * @internal
 */
export function registerLogRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    logs: LogService;
  },
) {
  const { httpAuth, permissions, logs } = options;
  router.get('/logs', async (req, res) => {
    const query = parseInput(logsQuery, req.query, 'query');
    await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: checkReadPermission,
    });
    res.json(await logs.recentLines(query));
  });
}
