import { EnvironmentVersion } from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import { DeploymentFilter, DeploymentStore } from '../database/DeploymentStore';

/**
 * Business logic of the deployment-rollback plugin.
 *
 * @internal
 */
export class DeploymentService {
  private readonly store: DeploymentStore;
  private readonly environmentOrder: string[];

  constructor(options: { store: DeploymentStore; environmentOrder: string[] }) {
    this.store = options.store;
    this.environmentOrder = options.environmentOrder;
  }

  async listDeployments(filter: DeploymentFilter, page: PageQuery) {
    const { items, totalCount } = await this.store.listDeployments(
      filter,
      page,
    );
    return toPage(items, totalCount, page);
  }

  /**
   * Current versions, ordered by service, then by the configured promotion
   * order of environments (unknown environments last, by name).
   */
  async currentVersions(filter: {
    service?: string;
  }): Promise<EnvironmentVersion[]> {
    const rank = (env: string) => {
      const index = this.environmentOrder.indexOf(env);
      return index === -1 ? this.environmentOrder.length : index;
    };
    const versions = await this.store.currentVersions(filter);
    return versions.sort(
      (a, b) =>
        a.service.localeCompare(b.service) ||
        rank(a.environment) - rank(b.environment) ||
        a.environment.localeCompare(b.environment),
    );
  }
}
