import { createRouteRef } from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'infra-health' });

/** The alert feed page, `/infra-health/alerts` in the OpsHub app. @public */
export const alertsRouteRef = createRouteRef({ id: 'infra-health-alerts' });
