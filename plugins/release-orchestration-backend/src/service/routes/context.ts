import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { actorOf, authorizeRequest } from '@opshub/opshub-node';
import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  CLUSTER_RESOURCE_TYPE,
  RELEASE_RESOURCE_TYPE,
} from '@opshub/plugin-release-orchestration-common';
import type { Request, Router } from 'express';
import { ReleaseOrchestrationServices } from '../services';

/**
 * The resource ref a write on an unknown step, template or customer is
 * authorized against: no release id or cluster name (cluster names are
 * trimmed) can equal it, so no resource is found and only an unconditional
 * ALLOW passes; the service then answers 404. Callers who may not write get
 * 403 whether the id exists or not.
 */
const NO_RESOURCE = ' (none)';

/** What every route file gets. @internal */
export interface RouteContext {
  router: Router;
  services: ReleaseOrchestrationServices;
  /** Checks one basic permission; returns the actor (user entity ref). */
  authorize(req: Request, permission: BasicPermission): Promise<string>;
  /**
   * Checks a permission on a release (`undefined`: a release that does not
   * exist); returns the actor.
   */
  authorizeRelease(
    req: Request,
    permission: ResourcePermission<typeof RELEASE_RESOURCE_TYPE>,
    releaseId: number | undefined,
  ): Promise<string>;
  /**
   * Checks a permission on a cluster, by name (`undefined`: a cluster that
   * does not exist); returns the actor.
   */
  authorizeCluster(
    req: Request,
    permission: ResourcePermission<typeof CLUSTER_RESOURCE_TYPE>,
    clusterName: string | undefined,
  ): Promise<string>;
}

/** @internal */
export function createRouteContext(options: {
  router: Router;
  services: ReleaseOrchestrationServices;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): RouteContext {
  const { router, services, httpAuth, permissions } = options;
  const onResource = async (
    req: Request,
    permission: ResourcePermission,
    resourceRef: string,
  ) =>
    actorOf(
      await authorizeRequest(req, {
        httpAuth,
        permissions,
        permission,
        resourceRef,
      }),
    );
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
    authorizeRelease: (req, permission, releaseId) =>
      onResource(
        req,
        permission,
        releaseId === undefined ? NO_RESOURCE : String(releaseId),
      ),
    authorizeCluster: (req, permission, clusterName) =>
      onResource(req, permission, clusterName ?? NO_RESOURCE),
  };
}
