import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { authorizeRequest } from '@opshub/opshub-node';
import { inspectorStatusReadPermission } from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import { EnvironmentInfoSource } from './EnvironmentInfoService';
import { StatusSource } from './StatusService';

/**
 * `GET /environment` (what is deployed) and `GET /status` (the health
 * summary), both behind `devops-inspector.status.read`. `/health` stays the
 * unauthenticated liveness route.
 *
 * @internal
 */
export function registerEnvironmentRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    environmentInfo: EnvironmentInfoSource;
    status: StatusSource;
  },
): void {
  const { httpAuth, permissions, environmentInfo, status } = options;
  const authorize = (req: express.Request) =>
    authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: inspectorStatusReadPermission,
    });

  router.get('/environment', async (req, res) => {
    await authorize(req);
    res.json(await environmentInfo.getEnvironmentInfo());
  });

  router.get('/status', async (req, res) => {
    await authorize(req);
    res.json(await status.getStatus());
  });
}
