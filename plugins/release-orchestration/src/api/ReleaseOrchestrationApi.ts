import { createApiRef } from '@backstage/core-plugin-api';
import {
  Cluster,
  ClusterList,
  CustomerPage,
} from '@opshub/plugin-release-orchestration-common';

/**
 * The release-orchestration backend, as the frontend sees it.
 *
 * @public
 */
export interface ReleaseOrchestrationApi {
  /** Every cluster, with its customer counts. */
  listClusters(): Promise<ClusterList>;
  /** One cluster by name; rejects with a 404 `ResponseError` when unknown. */
  getCluster(name: string): Promise<Cluster>;
  /** The customers of one cluster, one page at a time. */
  listClusterCustomers(
    clusterName: string,
    options?: { limit?: number; offset?: number },
  ): Promise<CustomerPage>;
  /** Customers of every cluster whose name or namespace contains `search`. */
  searchCustomers(options: {
    search?: string;
    limit?: number;
    offset?: number;
  }): Promise<CustomerPage>;
}

/** @public */
export const releaseOrchestrationApiRef = createApiRef<ReleaseOrchestrationApi>(
  { id: 'plugin.release-orchestration.service' },
);
