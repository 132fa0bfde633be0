import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { alertsRouteRef } from '../../routes';

/** The alert feed's path, or undefined when the app does not mount it. */
function useAlertFeedPath(): string | undefined {
  try {
    // every hook of useRouteRef runs before it throws for an unmounted
    // route, so the hook order stays the same on every render
    return useRouteRef(alertsRouteRef)();
  } catch {
    return undefined;
  }
}

/**
 * A link to the alert feed page, shown when the app mounts
 * `InfraHealthAlertsPage`.
 *
 * @internal
 */
export const AlertFeedLink = () => {
  const path = useAlertFeedPath();
  return path ? <Link to={path}>Alert feed</Link> : null;
};
