import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActivityPage,
  EnvironmentList,
  TablePage,
} from '@opshub/plugin-devops-inspector-common';

/**
 * Client of the devops-inspector backend.
 *
 * @public
 */
export interface DevopsInspectorApi {
  /**
   * The environments the user may read with the live status of their
   * databases; `name` narrows the list (and the probes) to one.
   */
  listEnvironments(options?: { name?: string }): Promise<EnvironmentList>;
  /** One page of an environment's tables, optionally filtered by name. */
  listTables(
    environment: string,
    options: { filter?: string; limit?: number; offset?: number },
  ): Promise<TablePage>;
  /** The activity log, newest first. */
  listActivity(options: {
    limit?: number;
    offset?: number;
  }): Promise<ActivityPage>;
}

/** @public */
export const devopsInspectorApiRef = createApiRef<DevopsInspectorApi>({
  id: 'plugin.devops-inspector.service',
});
