import { Entity } from '@backstage/catalog-model';
import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  RELEASE_CLUSTER_ANNOTATION,
  RELEASE_ORCHESTRATION_PLUGIN_ID,
} from '@opshub/plugin-release-orchestration-common';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** @public */
export const releaseOrchestrationPlugin = createPlugin({
  id: RELEASE_ORCHESTRATION_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: releaseOrchestrationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ReleaseOrchestrationClient(deps),
    }),
  ],
  routes: { root: rootRouteRef, entityContent: entityContentRouteRef },
});

/**
 * True when the entity names a release cluster
 * (`opshub.io/release-cluster`), for `EntitySwitch.Case`.
 *
 * @public
 */
export function isReleaseOrchestrationAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[RELEASE_CLUSTER_ANNOTATION]?.trim(),
  );
}

/**
 * The release-orchestration page: clusters with their customer counts, and
 * the customers of the selected cluster.
 *
 * @public
 */
export const ReleaseOrchestrationPage = releaseOrchestrationPlugin.provide(
  createRoutableExtension({
    name: 'ReleaseOrchestrationPage',
    component: () =>
      import('./components/ReleaseOrchestrationPage').then(
        m => m.ReleaseOrchestrationPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity tab of a cluster Resource: the customers of the cluster.
 *
 * @public
 */
export const EntityReleaseClusterContent = releaseOrchestrationPlugin.provide(
  createRoutableExtension({
    name: 'EntityReleaseClusterContent',
    component: () =>
      import('./components/EntityReleaseClusterContent').then(
        m => m.EntityReleaseClusterContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * Entity card of a cluster Resource: a compact summary of the cluster.
 *
 * @public
 */
export const EntityReleaseClusterCard = releaseOrchestrationPlugin.provide(
  createComponentExtension({
    name: 'EntityReleaseClusterCard',
    component: {
      lazy: () =>
        import('./components/EntityReleaseClusterCard').then(
          m => m.EntityReleaseClusterCard,
        ),
    },
  }),
);
