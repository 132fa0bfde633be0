import { OpshubClientBase, OpshubClientOptions } from '@opshub/opshub-react';
import {
  Cluster,
  ClusterList,
  CustomerPage,
  RELEASE_ORCHESTRATION_PLUGIN_ID,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseOrchestrationApi } from './ReleaseOrchestrationApi';

/**
 * HTTP client of the release-orchestration backend.
 *
 * @public
 */
export class ReleaseOrchestrationClient
  extends OpshubClientBase
  implements ReleaseOrchestrationApi
{
  constructor(options: OpshubClientOptions) {
    super(RELEASE_ORCHESTRATION_PLUGIN_ID, options);
  }

  listClusters(): Promise<ClusterList> {
    return this.request('/clusters');
  }

  getCluster(name: string): Promise<Cluster> {
    return this.request(`/clusters/${encodeURIComponent(name)}`);
  }

  listClusterCustomers(
    clusterName: string,
    options: { limit?: number; offset?: number } = {},
  ): Promise<CustomerPage> {
    return this.request(
      `/clusters/${encodeURIComponent(clusterName)}/customers`,
      { query: options },
    );
  }

  searchCustomers(options: {
    search?: string;
    limit?: number;
    offset?: number;
  }): Promise<CustomerPage> {
    return this.request('/customers', { query: options });
  }
}
