import { NotFoundError } from '@backstage/errors';
import { Page, PageQuery, toPage } from '@opshub/opshub-node';
import { Cluster, Customer } from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore } from '../database/ReleaseStore';

/**
 * Business logic of the release-orchestration plugin.
 *
 * @internal
 */
export class ReleaseService {
  private readonly store: ReleaseStore;

  constructor(options: { store: ReleaseStore }) {
    this.store = options.store;
  }

  listClusters(): Promise<Cluster[]> {
    return this.store.listClusters();
  }

  /** @throws NotFoundError when no live cluster has this name */
  async getCluster(name: string): Promise<Cluster> {
    const cluster = await this.store.getCluster(name);
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
}
