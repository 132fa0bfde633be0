import { createRouteRef } from '@backstage/core-plugin-api';

/** @public */
export const rootRouteRef = createRouteRef({ id: 'devops-inspector' });

/** @public */
export const entityContentRouteRef = createRouteRef({
  id: 'devops-inspector:entity-content',
});
