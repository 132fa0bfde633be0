import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { actorOf, authorizeRequest } from '@opshub/opshub-node';
import { BasicPermission } from '@backstage/plugin-permission-common';
import type { Request, Router } from 'express';
import { ReleaseOrchestrationServices } from '../services';

/** What every route file gets. @internal */
export interface RouteContext {
  router: Router;
  services: ReleaseOrchestrationServices;
  /** Checks one permission; returns the actor (user entity ref). */
  authorize(req: Request, permission: BasicPermission): Promise<string>;
}

/** @internal */
export function createRouteContext(options: {
  router: Router;
  services: ReleaseOrchestrationServices;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): RouteContext {
  const { router, services, httpAuth, permissions } = options;
  return {
    router,
    services,
    async authorize(req, permission) {
      const credentials = await authorizeRequest(req, {
        httpAuth,
        permissions,
        permission,
      });
      return actorOf(credentials);
    },
  };
}
