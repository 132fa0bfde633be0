import { createRouteRef } from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'infra-health' });

/** The alert feed page, `/infra-health/alerts` in the OpsHub app. @public */
export const alertsRouteRef = createRouteRef({ id: 'infra-health-alerts' });

/**
 * The drill-down page of one check, `/infra-health/checks/:id` in the app.
 *
 * @public
 */
export const checkRouteRef = createRouteRef({
  id: 'infra-health-check',
  params: ['id'],
});
