import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * Where the release-orchestration page is mounted.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'release-orchestration' });

/**
 * Where the cluster tab of an entity page is mounted.
 *
 * @public
 */
export const entityContentRouteRef = createRouteRef({
  id: 'release-orchestration:entity-content',
});

/**
 * Where the releases tab of a Component or System is mounted.
 *
 * @public
 */
export const entityReleasesRouteRef = createRouteRef({
  id: 'release-orchestration:entity-releases',
});
