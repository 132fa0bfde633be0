import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { authorizeRequest } from '@opshub/opshub-node';
import { inspectorStatusReadPermission } from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import { EnvironmentInfoSource } from './EnvironmentInfoService';
import type { ReadableEnvironments } from './router';
import { StatusSource } from './StatusService';

/**
 * `GET /environment` (what is deployed) and `GET /status` (the health
 * summary), both behind `devops-inspector.status.read`; each lists only the
 * environments the caller may `devops-inspector.environment.read`. `/health`
 * stays the unauthenticated liveness route.
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
    readable: ReadableEnvironments;
  },
): void {
  const { httpAuth, permissions, environmentInfo, status, readable } = options;
  const authorize = (req: express.Request) =>
    authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: inspectorStatusReadPermission,
    });

  router.get('/environment', async (req, res) => {
    const credentials = await authorize(req);
    res.json(
      await environmentInfo.getEnvironmentInfo(await readable(credentials)),
    );
  });

  router.get('/status', async (req, res) => {
    const credentials = await authorize(req);
    res.json(await status.getStatus(await readable(credentials)));
  });
}
