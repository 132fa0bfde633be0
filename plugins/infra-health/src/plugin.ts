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
  HEALTH_SERVICE_ANNOTATION,
  INFRA_HEALTH_PLUGIN_ID,
} from '@opshub/plugin-infra-health-common';
import { infraHealthApiRef, InfraHealthClient } from './api';
import { alertsRouteRef, checkRouteRef, rootRouteRef } from './routes';

/** @public */
export const infraHealthPlugin = createPlugin({
  id: INFRA_HEALTH_PLUGIN_ID,
  apis: [
    createApiFactory({
      api: infraHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new InfraHealthClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
    alerts: alertsRouteRef,
    check: checkRouteRef,
  },
});

/**
 * True when the entity names a health service (`opshub.io/health-service`).
 *
 * @public
 */
export function isInfraHealthAvailable(entity: Entity): boolean {
  return Boolean(
    entity.metadata.annotations?.[HEALTH_SERVICE_ANNOTATION]?.trim(),
  );
}

/**
 * The infra-health page: the health grid of every service.
 *
 * @public
 */
export const InfraHealthPage = infraHealthPlugin.provide(
  createRoutableExtension({
    name: 'InfraHealthPage',
    component: () =>
      import('./components/InfraHealthPage').then(m => m.InfraHealthPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The drill-down page of one check; mount it at `/infra-health/checks/:id`.
 *
 * @public
 */
export const InfraHealthCheckPage = infraHealthPlugin.provide(
  createRoutableExtension({
    name: 'InfraHealthCheckPage',
    component: () => import('./components/CheckPage').then(m => m.CheckPage),
    mountPoint: checkRouteRef,
  }),
);

/**
 * Entity tab with the health grid of the entity's service.
 *
 * @public
 */
export const EntityInfraHealthContent = infraHealthPlugin.provide(
  createRoutableExtension({
    name: 'EntityInfraHealthContent',
    component: () =>
      import('./components/EntityInfraHealthContent').then(
        m => m.EntityInfraHealthContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Compact entity card with the status of the entity's health checks.
 *
 * @public
 */
export const EntityInfraHealthCard = infraHealthPlugin.provide(
  createComponentExtension({
    name: 'EntityInfraHealthCard',
    component: {
      lazy: () =>
        import('./components/EntityInfraHealthCard').then(
          m => m.EntityInfraHealthCard,
        ),
    },
  }),
);

/**
 * The alert feed page: Alertmanager alerts of every service, with filters,
 * bulk acknowledge, escalate and resolve. Mount it at `/infra-health/alerts`.
 *
 * @public
 */
export const InfraHealthAlertsPage = infraHealthPlugin.provide(
  createRoutableExtension({
    name: 'InfraHealthAlertsPage',
    component: () =>
      import('./components/InfraHealthAlertsPage').then(
        m => m.InfraHealthAlertsPage,
      ),
    mountPoint: alertsRouteRef,
  }),
);
