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
  DEVOPS_INSPECTOR_PLUGIN_ID,
  INSPECTOR_ENVIRONMENT_ANNOTATION,
} from '@opshub/plugin-devops-inspector-common';
import { devopsInspectorApiRef, DevopsInspectorClient } from './api';
import { entityContentRouteRef, rootRouteRef } from './routes';

/** @public */
export const devopsInspectorPlugin = createPlugin({
  id: DEVOPS_INSPECTOR_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: devopsInspectorApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DevopsInspectorClient(deps),
    }),
  ],
  routes: { root: rootRouteRef },
});

/**
 * True when the entity names an inspector environment
 * (`opshub.io/inspector-environment`).
 *
 * @public
 */
export function isDevopsInspectorAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[INSPECTOR_ENVIRONMENT_ANNOTATION]?.trim(),
  );
}

/**
 * The inspector page: environments with live database status, the tables of
 * the selected one, and the activity log.
 *
 * @public
 */
export const DevopsInspectorPage = devopsInspectorPlugin.provide(
  createRoutableExtension({
    name: 'DevopsInspectorPage',
    component: () =>
      import('./components/DevopsInspectorPage').then(
        m => m.DevopsInspectorPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity tab of a database Resource: its environment and tables.
 *
 * @public
 */
export const EntityDevopsInspectorContent = devopsInspectorPlugin.provide(
  createRoutableExtension({
    name: 'EntityDevopsInspectorContent',
    component: () =>
      import('./components/EntityDevopsInspectorContent').then(
        m => m.EntityDevopsInspectorContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);

/**
 * Compact entity card with the live status of the entity's environment.
 *
 * @public
 */
export const EntityDevopsInspectorCard = devopsInspectorPlugin.provide(
  createComponentExtension({
    name: 'EntityDevopsInspectorCard',
    component: {
      lazy: () =>
        import('./components/EntityDevopsInspectorCard').then(
          m => m.EntityDevopsInspectorCard,
        ),
    },
  }),
);

/**
 * The current environment's name and tier as a coloured badge for the app's
 * sidebar; clicking it opens the DevOps console drawer.
 *
 * @public
 */
export const EnvironmentBadge = devopsInspectorPlugin.provide(
  createComponentExtension({
    name: 'EnvironmentBadge',
    component: {
      lazy: () =>
        import('./components/EnvironmentBadge').then(m => m.EnvironmentBadge),
    },
  }),
);
