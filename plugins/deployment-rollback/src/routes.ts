import { createRouteRef } from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'deployment-rollback' });

/** @public */
export const entityContentRouteRef = createRouteRef({
  id: 'deployment-rollback:entity-content',
});
