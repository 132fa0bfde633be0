import {
  ActivityPage,
  DEVOPS_INSPECTOR_PLUGIN_ID,
  EnvironmentList,
  TablePage,
} from '@opshub/plugin-devops-inspector-common';
import { OpshubClientBase, OpshubClientOptions } from '@opshub/opshub-react';
import { DevopsInspectorApi } from './DevopsInspectorApi';

/** @public */
export class DevopsInspectorClient
  extends OpshubClientBase
  implements DevopsInspectorApi
{
  constructor(options: OpshubClientOptions) {
    super(DEVOPS_INSPECTOR_PLUGIN_ID, options);
  }

  listEnvironments(options: { name?: string } = {}): Promise<EnvironmentList> {
    return this.request('/environments', { query: options });
  }

  listTables(
    environment: string,
    options: { filter?: string; limit?: number; offset?: number },
  ): Promise<TablePage> {
    return this.request(
      `/environments/${encodeURIComponent(environment)}/tables`,
      { query: options },
    );
  }

  listActivity(options: {
    limit?: number;
    offset?: number;
  }): Promise<ActivityPage> {
    return this.request('/activity', { query: options });
  }
}
