import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createBaseRouter } from '@opshub/opshub-node';
import express from 'express';
import { registerClusterRoutes } from './routes/clusterRoutes';
import { createRouteContext } from './routes/context';
import { registerReleaseRoutes } from './routes/releaseRoutes';
import { registerStepRoutes } from './routes/stepRoutes';
import { registerTemplateRoutes } from './routes/templateRoutes';
import { ReleaseOrchestrationServices } from './services';

/** @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  services: ReleaseOrchestrationServices;
}): Promise<express.Router> {
  const router = createBaseRouter();
  const ctx = createRouteContext({ router, ...options });
  registerClusterRoutes(ctx);
  registerReleaseRoutes(ctx);
  registerTemplateRoutes(ctx);
  registerStepRoutes(ctx);
  return router;
}
