import { ReleaseStore } from '../database/ReleaseStore';

/**
 * Finds the permission resource a write names: templates and steps are
 * written through their release, customers through their cluster. Routes
 * call it before authorizing; an unknown id resolves to `undefined`, which
 * routes authorize as a resource that does not exist (only an unconditional
 * ALLOW passes it; the service then answers 404).
 *
 * @internal
 */
export class ResourceService {
  readonly #store: ReleaseStore;

  constructor(options: { store: ReleaseStore }) {
    this.#store = options.store;
  }

  async releaseOfTemplate(templateId: number): Promise<number | undefined> {
    return (await this.#store.getTemplate(templateId))?.releaseId;
  }

  async releaseOfStep(stepId: number): Promise<number | undefined> {
    return (await this.#store.getStep(stepId))?.releaseId;
  }

  async clusterOfCustomer(customerId: number): Promise<string | undefined> {
    return (await this.#store.getCustomer(customerId))?.clusterName;
  }

  async clusterName(clusterId: number): Promise<string | undefined> {
    return this.#store.getClusterName(clusterId);
  }
}
