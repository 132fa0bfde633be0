import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { actorOf, authorizeRequest } from '@opshub/opshub-node';
import { inspectorEnvironmentReadPermission } from '@opshub/plugin-devops-inspector-common';
import type { Request, Router } from 'express';
import { DevopsInspectorServices } from '../services';

/** The caller of an authorized request. @internal */
export interface Authorized {
  credentials: BackstageCredentials;
  /** Who to write into the activity log. */
  actor: string;
}

/** What every route file gets. @internal */
export interface RouteContext {
  router: Router;
  services: DevopsInspectorServices;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Checks one basic permission (403 unless allowed). */
  authorize(req: Request, permission: BasicPermission): Promise<Authorized>;
  /** Checks a resource permission on `resourceRef` (403 unless allowed). */
  authorizeOn(
    req: Request,
    permission: ResourcePermission,
    resourceRef: string,
  ): Promise<Authorized>;
  /**
   * The configured environments (or those of `only` that are configured) on
   * which the caller has `devops-inspector.environment.read`, in
   * configuration order. One batched request, one decision per environment
   * (resource ref: its name), so conditional policies apply; anything but
   * ALLOW hides the environment.
   */
  readableEnvironments(
    credentials: BackstageCredentials,
    only?: readonly string[],
  ): Promise<string[]>;
}

/** @internal */
export function createRouteContext(options: {
  router: Router;
  services: DevopsInspectorServices;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): RouteContext {
  const { router, services, httpAuth, permissions } = options;
  return {
    router,
    services,
    httpAuth,
    permissions,
    async authorize(req, permission) {
      const credentials = await authorizeRequest(req, {
        httpAuth,
        permissions,
        permission,
      });
      return { credentials, actor: actorOf(credentials) };
    },
    async authorizeOn(req, permission, resourceRef) {
      const credentials = await authorizeRequest(req, {
        httpAuth,
        permissions,
        permission,
        resourceRef,
      });
      return { credentials, actor: actorOf(credentials) };
    },
    async readableEnvironments(credentials, only) {
      const names = services.inspector
        .environmentNames()
        .filter(name => only === undefined || only.includes(name));
      if (!names.length) {
        return [];
      }
      const decisions = await permissions.authorize(
        names.map(resourceRef => ({
          permission: inspectorEnvironmentReadPermission,
          resourceRef,
        })),
        { credentials },
      );
      return names.filter(
        (_name, index) => decisions[index]?.result === AuthorizeResult.ALLOW,
      );
    },
  };
}
