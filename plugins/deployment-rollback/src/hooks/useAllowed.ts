import {
  isResourcePermission,
  Permission,
} from '@backstage/plugin-permission-common';
import { usePermission } from '@backstage/plugin-permission-react';

/**
 * Whether the policy lets the signed-in user do this, to explain a disabled
 * button (the backend checks every write anyway). Resource permissions are
 * asked about `resourceRef` (the entity ref of the owning Component).
 * `loading` is true until the answer arrives.
 */
export function useAllowed(permission: Permission, resourceRef?: string) {
  const input = isResourcePermission(permission)
    ? { permission, resourceRef }
    : { permission, resourceRef: undefined as never };
  const { allowed, loading } = usePermission(input);
  return { allowed, loading };
}
