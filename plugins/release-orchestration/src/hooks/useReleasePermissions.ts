import {
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/**
 * Whether the permission policy lets the signed-in user do this, to show
 * only the buttons that can work (the backend checks every write anyway).
 * Resource permissions are asked about `resourceRef`: the cluster name for
 * `cluster.update` (a customer's cluster for customer writes), the release id
 * for `step.update` and the other release writes. False while loading, and
 * for a resource permission without a ref.
 *
 * @internal
 */
export function useAllowed(
  permission: Permission,
  resourceRef?: string,
): boolean {
  const input = isResourcePermission(permission)
    ? { permission, resourceRef }
    : { permission, resourceRef: undefined as never };
  return usePermission(input).allowed;
}
