import { DeploymentStatus } from '@opshub/plugin-deployment-rollback-common';

const RANK: Record<DeploymentStatus, number> = {
  queued: 0,
  in_progress: 1,
  succeeded: 2,
  failed: 2,
  rolled_back: 2,
  superseded: 3,
};

/**
 * Whether a webhook may move a deployment from `from` to `to`. Deliveries
 * arrive out of order and again, so a state never goes back: queued →
 * in_progress → a final state (succeeded, failed, rolled_back), which a later
 * report may correct to another final state, → superseded, which is the end.
 * Reporting the current state again is no change.
 *
 * @internal
 */
export function isAllowedTransition(
  from: DeploymentStatus,
  to: DeploymentStatus,
): boolean {
  if (from === to) {
    return false;
  }
  if (from === 'superseded') {
    return false;
  }
  return RANK[to] >= RANK[from];
}

/** @internal */
export function isFinal(status: DeploymentStatus): boolean {
  return RANK[status] >= 2;
}
