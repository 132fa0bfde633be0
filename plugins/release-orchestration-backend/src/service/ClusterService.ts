import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { Page, PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import {
  Cluster,
  CreateClusterRequest,
  CreateCustomerRequest,
  Customer,
  UpdateClusterRequest,
  UpdateCustomerRequest,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { expectVersion, isUniqueViolation, staleError } from './common';
import { checkKubeconfigPath } from './kubeconfig';

/**
 * Clusters and customers: reads, CRUD and soft delete.
 *
 * @internal
 */
export class ClusterService {
  private readonly store: ReleaseStore;
  private readonly kubeconfigRoot?: string;

  /**
   * @param options.kubeconfigRoot - `releaseOrchestration.kubeconfigRoot`;
   *   without it any non-null `kubeconfigPath` is refused
   */
  constructor(options: { store: ReleaseStore; kubeconfigRoot?: string }) {
    this.store = options.store;
    this.kubeconfigRoot = options.kubeconfigRoot;
  }

  listClusters(): Promise<Cluster[]> {
    return this.store.listClusters();
  }

  /** @throws NotFoundError when no live cluster has this name */
  async getCluster(name: string, store = this.store): Promise<Cluster> {
    const cluster = await store.getCluster(name);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    return cluster;
  }

  /** @throws NotFoundError when no live cluster has this name */
  async listClusterCustomers(
    clusterName: string,
    page: PageQuery,
  ): Promise<Page<Customer>> {
    const cluster = await this.getCluster(clusterName);
    const { items, totalCount } = await this.store.listCustomers(
      { clusterId: cluster.id },
      page,
    );
    return toPage(items, totalCount, page);
  }

  async searchCustomers(
    search: string | undefined,
    page: PageQuery,
  ): Promise<Page<Customer>> {
    const { items, totalCount } = await this.store.listCustomers(
      { search },
      page,
    );
    return toPage(items, totalCount, page);
  }

  async createCluster(request: CreateClusterRequest): Promise<Cluster> {
    const kubeconfigPath =
      checkKubeconfigPath(this.kubeconfigRoot, request.kubeconfigPath) ?? null;
    try {
      await this.store.createCluster(request.name, {
        displayName: request.displayName ?? request.name,
        description: request.description ?? null,
        region: request.region ?? null,
        catalogEntityRef: request.catalogEntityRef ?? null,
        kubeconfigPath,
        metadata: request.metadata ?? {},
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`A cluster named '${request.name}' exists`);
      }
      throw error;
    }
    return this.getCluster(request.name);
  }

  async updateCluster(
    name: string,
    request: UpdateClusterRequest,
  ): Promise<Cluster> {
    const { version, ...fields } = request;
    checkKubeconfigPath(this.kubeconfigRoot, fields.kubeconfigPath);
    const cluster = await this.getCluster(name);
    expectVersion(cluster, version, `Cluster '${name}'`);
    if (!(await this.store.updateCluster(cluster.id, version, fields))) {
      throw staleError(`Cluster '${name}'`);
    }
    return this.getCluster(name);
  }

  /** Soft delete; refused while the cluster has active customers. */
  async deleteCluster(name: string, version: number): Promise<void> {
    await this.store.transaction(async tx => {
      const cluster = await this.getCluster(name, tx);
      expectVersion(cluster, version, `Cluster '${name}'`);
      if (cluster.activeCustomerCount > 0) {
        throw new ConflictError(
          `Cannot delete cluster '${name}': it has ${cluster.activeCustomerCount} active customer(s)`,
        );
      }
      if (!(await tx.softDeleteCluster(cluster.id, version))) {
        throw staleError(`Cluster '${name}'`);
      }
    });
  }

  /** @throws NotFoundError when the customer or its cluster is deleted */
  async getCustomer(id: number): Promise<Customer> {
    const customer = await this.store.getCustomer(id);
    if (!customer) {
      throw new NotFoundError(`No customer with id ${id}`);
    }
    return customer;
  }

  async createCustomer(request: CreateCustomerRequest): Promise<Customer> {
    const clusters = await this.store.listClusters();
    if (!clusters.some(c => c.id === request.clusterId)) {
      throw new InputError(`No cluster with id ${request.clusterId}`);
    }
    let id: number;
    try {
      id = await this.store.createCustomer(request.clusterId, {
        name: request.name,
        namespace: request.namespace,
        catalogEntityRef: request.catalogEntityRef ?? null,
        isActive: request.isActive ?? true,
        notes: request.notes ?? null,
        metadata: request.metadata ?? {},
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Namespace '${request.namespace}' is already used on this cluster`,
        );
      }
      throw error;
    }
    return this.getCustomer(id);
  }

  async updateCustomer(
    id: number,
    request: UpdateCustomerRequest,
  ): Promise<Customer> {
    const { version, ...fields } = request;
    const customer = await this.getCustomer(id);
    expectVersion(customer, version, `Customer ${id}`);
    try {
      if (!(await this.store.updateCustomer(id, version, fields))) {
        throw staleError(`Customer ${id}`);
      }
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `Namespace '${fields.namespace}' is already used on this cluster`,
        );
      }
      throw error;
    }
    return this.getCustomer(id);
  }

  /** Soft delete: the steps of past releases keep pointing at it. */
  async deleteCustomer(id: number, version: number): Promise<void> {
    const customer = await this.getCustomer(id);
    expectVersion(customer, version, `Customer ${id}`);
    if (!(await this.store.softDeleteCustomer(id, version))) {
      throw staleError(`Customer ${id}`);
    }
  }
}
