import { createApiRef } from '@backstage/core-plugin-api';
import {
  CheckWithStatus,
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
  }): Promise<{ items: CheckWithStatus[] }>;
  /** One check's samples, newest first. */
  listSamples(
    checkId: number,
    options: { limit?: number; offset?: number },
  ): Promise<HealthSamplePage>;
}

/** @public */
export const infraHealthApiRef = createApiRef<InfraHealthApi>({
  id: 'plugin.infra-health.service',
});
