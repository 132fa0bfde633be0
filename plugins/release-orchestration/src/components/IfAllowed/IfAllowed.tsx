import { Permission } from '@backstage/plugin-permission-common';
import { ReactNode } from 'react';
import { useAllowed } from '../../hooks/useReleasePermissions';

/**
 * Renders its children only when the permission policy allows the signed-in
 * user `permission` (on `resourceRef` for a resource permission); nothing
 * while it is being asked. For buttons inside table rows, where each row is
 * a different resource.
 *
 * @internal
 */
export const IfAllowed = (props: {
  permission: Permission;
  resourceRef?: string;
  children: ReactNode;
}) => {
  const allowed = useAllowed(props.permission, props.resourceRef);
  return allowed ? <>{props.children}</> : null;
};
