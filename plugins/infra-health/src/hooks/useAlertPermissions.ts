import { usePermission } from '@backstage/plugin-permission-react';
import {
  alertAcknowledgePermission,
  alertEscalatePermission,
  alertResolvePermission,
} from '@opshub/plugin-infra-health-common';

/**
 * Whether the signed-in user may acknowledge, escalate and resolve alerts,
 * to enable the buttons (the backend checks every write anyway).
 *
 * @internal
 */
export function useAlertPermissions() {
  const acknowledge = usePermission({ permission: alertAcknowledgePermission });
  const escalate = usePermission({ permission: alertEscalatePermission });
  const resolve = usePermission({ permission: alertResolvePermission });
  return {
    canAcknowledge: acknowledge.allowed,
    canEscalate: escalate.allowed,
    canResolve: resolve.allowed,
    loading: acknowledge.loading || escalate.loading || resolve.loading,
  };
}
