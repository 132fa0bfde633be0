import { PageQuery } from '@opshub/opshub-node';
import { Cluster, Customer } from '@opshub/plugin-release-orchestration-common';

/**
 * Which customers to list. Deleted customers, and customers of deleted
 * clusters, are never listed.
 *
 * @public
 */
export interface CustomerFilter {
  /** Only the customers of this cluster. */
  clusterId?: number;
  /** Case-insensitive substring of the customer's name or namespace. */
  search?: string;
}

/**
 * Storage of clusters and customers (and, later, releases and their steps).
 *
 * @public
 */
export interface ReleaseStore {
  /** Every cluster that is not deleted, by name, with its customer counts. */
  listClusters(): Promise<Cluster[]>;
  /** The cluster with this name, unless it is deleted. */
  getCluster(name: string): Promise<Cluster | undefined>;
  listCustomers(
    filter: CustomerFilter,
    page: PageQuery,
  ): Promise<{ items: Customer[]; totalCount: number }>;
}
