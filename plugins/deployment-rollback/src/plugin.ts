import { Entity } from '@backstage/catalog-model';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DEPLOYMENT_SERVICE_ANNOTATION } from '@opshub/plugin-deployment-rollback-common';
import { deploymentRollbackApiRef, DeploymentRollbackClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** @public */
export const deploymentRollbackPlugin = createPlugin({
  id: 'deployment-rollback',
  apis: [
    createApiFactory({
      api: deploymentRollbackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeploymentRollbackClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * True when the entity names a deployment service
 * (`opshub.io/deployment-service`).
 *
 * @public
 */
export function isDeploymentRollbackAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[DEPLOYMENT_SERVICE_ANNOTATION]?.trim(),
  );
}

/**
 * The deployments page: current versions and history of every service.
 *
 * @public
 */
export const DeploymentsPage = deploymentRollbackPlugin.provide(
  createRoutableExtension({
    name: 'DeploymentsPage',
    component: () =>
      import('./components/DeploymentsPage').then(m => m.DeploymentsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity tab with the entity's deployments.
 *
 * @public
 */
export const EntityDeploymentsContent = deploymentRollbackPlugin.provide(
  createRoutableExtension({
    name: 'EntityDeploymentsContent',
    component: () =>
      import('./components/EntityDeploymentsContent').then(
        m => m.EntityDeploymentsContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * Entity card with the version running in each environment.
 *
 * @public
 */
export const EntityCurrentVersionsCard = deploymentRollbackPlugin.provide(
  createComponentExtension({
    name: 'EntityCurrentVersionsCard',
    component: {
      lazy: () =>
        import('./components/CurrentVersionsCard').then(
          m => m.EntityCurrentVersionsCard,
        ),
    },
  }),
);
