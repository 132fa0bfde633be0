import { createApiRef } from '@backstage/core-plugin-api';
import {
  CheckWithStatus,
  HealthCheckInput,
  HealthSamplePage,
} from '@opshub/plugin-infra-health-common';

/**
 * Reads health checks and their samples from the infra-health backend.
 *
 * @public
 */
export interface InfraHealthApi {
  /** Checks with their current status, optionally of one service. */
  listChecks(options: {
    service?: string;
  }): Promise<{ items: CheckWithStatus[]; canManage?: boolean }>;
  /** One check's samples, newest first. */
  listSamples(
    checkId: number,
    options: { limit?: number; offset?: number },
  ): Promise<HealthSamplePage>;
  /** One check with its status. */
  getCheck(checkId: number): Promise<CheckWithStatus>;
  /** Adds a check (permission `infra-health.check.manage`). */
  createCheck(input: HealthCheckInput): Promise<CheckWithStatus>;
  /** Replaces an API check; config checks answer 409. */
  updateCheck(
    checkId: number,
    input: HealthCheckInput,
  ): Promise<CheckWithStatus>;
  /** Deletes an API check; config checks answer 409. */
  deleteCheck(checkId: number): Promise<void>;
}

/** @public */
export const infraHealthApiRef = createApiRef<InfraHealthApi>({
  id: 'plugin.infra-health.service',
});
