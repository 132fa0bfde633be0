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
  RELEASE_COMPONENT_ANNOTATION,
  RELEASE_ORCHESTRATION_PLUGIN_ID,
} from '@opshub/plugin-release-orchestration-common';
import { releaseOrchestrationApiRef, ReleaseOrchestrationClient } from './api';
import {
  entityContentRouteRef,
  entityReleasesRouteRef,
  rootRouteRef,
} from './routes';

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
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
    entityReleases: entityReleasesRouteRef,
  },
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
 * True when the Component or System names the component it ships in releases
 * (`opshub.io/release-component`), for `EntitySwitch.Case`.
 *
 * @public
 */
export function isReleaseComponentAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[RELEASE_COMPONENT_ANNOTATION]?.trim(),
  );
}

/**
 * The release-orchestration page: the releases and the wizard, the dashboard
 * of a release (matrix of steps per cluster and customer, live through
 * signals), its template steps, the clusters and the customers.
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
 * Entity tab of a cluster Resource: the customers of the cluster and their
 * steps in flight.
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

/**
 * Entity tab of a Component or System: the releases that ship it, with their
 * progress.
 *
 * @public
 */
export const EntityReleasesContent = releaseOrchestrationPlugin.provide(
  createRoutableExtension({
    name: 'EntityReleasesContent',
    component: () =>
      import('./components/EntityReleasesContent').then(
        m => m.EntityReleasesContent,
      ),
    mountPoint: entityReleasesRouteRef,
  }),
);
