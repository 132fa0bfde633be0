import type { Page } from '@opshub/opshub-common';

/**
 * Free-form JSON attached to a cluster, customer or release: a plain object
 * (never an array or a scalar), at most {@link METADATA_MAX_BYTES} bytes once
 * serialized. `{}` when nothing was set.
 *
 * @public
 */
export type Metadata = Record<string, unknown>;

/**
 * The largest `metadata` accepted, in bytes of its JSON serialization.
 *
 * @public
 */
export const METADATA_MAX_BYTES = 16 * 1024;

/**
 * The longest `kubeconfigPath` accepted, in characters.
 *
 * @public
 */
export const KUBECONFIG_PATH_MAX_LENGTH = 1024;

/**
 * A Kubernetes cluster that releases are rolled out to.
 *
 * @public
 */
export interface Cluster {
  id: number;
  /** Unique name, the value of the `opshub.io/release-cluster` annotation. */
  name: string;
  displayName: string;
  description: string | null;
  region: string | null;
  /** The catalog Resource of the cluster, e.g. `resource:default/cluster-eu-west`. */
  catalogEntityRef: string | null;
  /**
   * Path of the cluster's kubeconfig file, relative to (or absolute under)
   * the backend's `releaseOrchestration.kubeconfigRoot`. Null when unset.
   */
  kubeconfigPath: string | null;
  metadata: Metadata;
  /** Customers on the cluster (not deleted). */
  customerCount: number;
  /** Customers on the cluster that take part in new releases. */
  activeCustomerCount: number;
  /** Row version for optimistic concurrency; send it back on update/delete. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * A customer (tenant) living in one namespace of one cluster.
 *
 * @public
 */
export interface Customer {
  id: number;
  clusterId: number;
  clusterName: string;
  name: string;
  namespace: string;
  catalogEntityRef: string | null;
  /** Inactive customers are kept but left out of new releases. */
  isActive: boolean;
  notes: string | null;
  metadata: Metadata;
  /** Row version for optimistic concurrency; send it back on update/delete. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * The clusters, as `GET /clusters` returns them.
 *
 * @public
 */
export interface ClusterList {
  items: Cluster[];
}

/**
 * A page of customers, as every OpsHub list route returns it.
 *
 * @public
 */
export type CustomerPage = Page<Customer>;
