import { HealthCheck, HealthStatus } from '@opshub/plugin-infra-health-common';

/**
 * Called by {@link HealthService} when a check's effective (flap-tolerant)
 * status changes outside maintenance: once per change, by the backend that
 * recorded the sample. Not called for a new check's first answer
 * (`unknown` to `healthy`), for failures within `failureThreshold`, nor
 * during a maintenance window (a change that outlasts the window is
 * announced by the first sample after it). `check` carries no secret.
 * Matches `HealthNotifier.notifyCheckStatusChange(check, from, to)`, so a
 * notifier can be passed as
 * `onStatusChange: (check, from, to) => notifier.notifyCheckStatusChange(check, from, to)`.
 * Errors are logged, never thrown back into the probe round.
 *
 * @internal
 */
export type CheckStatusListener = (
  check: HealthCheck,
  from: HealthStatus,
  to: HealthStatus,
) => Promise<void> | void;
