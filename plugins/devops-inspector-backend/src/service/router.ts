import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createBaseRouter } from '@opshub/opshub-node';
import express from 'express';
import { registerCompareJobRoutes } from './routes/compareJobRoutes';
import { registerCompareRoutes } from './routes/compareRoutes';
import { createRouteContext } from './routes/context';
import { registerEnvironmentRoutes } from './routes/environmentRoutes';
import { registerSnapshotRoutes } from './routes/snapshotRoutes';
import { registerActionRoutes } from './routes/actionRoutes';
import { registerProcessRoutes } from './routes/processRoutes';
import { registerStatusRoutes } from './routes/statusRoutes';
import { registerTableDetailRoutes } from './routes/tableDetailRoutes';
import { DevopsInspectorServices } from './services';

/** @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  services: DevopsInspectorServices;
}): Promise<express.Router> {
  const router = createBaseRouter();
  const ctx = createRouteContext({ router, ...options });
  registerEnvironmentRoutes(ctx);
  registerTableDetailRoutes(ctx);
  registerStatusRoutes(ctx);
  registerCompareRoutes(ctx);
  registerCompareJobRoutes(ctx);
  registerSnapshotRoutes(ctx);
  registerProcessRoutes(ctx);
  registerActionRoutes(ctx);
  return router;
}
