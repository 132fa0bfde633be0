import { ConflictError, InputError } from '@backstage/errors';
import { Page, PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import {
  ActivateReleaseRequest,
  ClusterProgress,
  CreateReleaseRequest,
  CustomerProgress,
  Release,
  ReleaseDetail,
  ReleaseProgress,
  StepEvent,
  UpdateReleaseRequest,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseFilter, ReleaseStore } from '../database/ReleaseStore';
import {
  addToProgress,
  emptyProgress,
  expectNotArchived,
  expectVersion,
  ReleaseSignals,
  requireRelease,
  staleError,
} from './common';
import {
  activationOutcome,
  createReleaseMetrics,
  ReleaseMetrics,
} from './metrics';

/**
 * Adding customers to an active release refreshes the step statistics when
 * it creates at least this many steps; activation always does.
 */
const ANALYZE_AFTER_STEPS = 10_000;

/** What activation and adding customers did. @internal */
export interface ActivationResult {
  release: Release;
  customerIds: number[];
  stepCount: number;
}

/**
 * Releases: CRUD, activation, customers, archive, progress, history. The
 * matrix is {@link MatrixService}, exports {@link ExportService}.
 *
 * @internal
 */
export class ReleaseService {
  private readonly store: ReleaseStore;
  private readonly signals: ReleaseSignals;
  private readonly metrics: ReleaseMetrics;

  constructor(options: {
    store: ReleaseStore;
    signals?: ReleaseSignals;
    metrics?: ReleaseMetrics;
  }) {
    this.metrics = options.metrics ?? createReleaseMetrics();
    this.store = options.store;
    this.signals = options.signals ?? new ReleaseSignals();
  }

  async list(filter: ReleaseFilter, page: PageQuery): Promise<Page<Release>> {
    const { items, totalCount } = await this.store.listReleases(filter, page);
    return toPage(items, totalCount, page);
  }

  async get(id: number): Promise<ReleaseDetail> {
    const release = await requireRelease(this.store, id);
    const [templates, customerCount, counts] = await Promise.all([
      this.store.listTemplates(id),
      this.store.countReleaseCustomers(id),
      this.store.statusCounts(id),
    ]);
    const progress = emptyProgress();
    for (const row of counts) {
      addToProgress(progress, row.status, row.count);
    }
    return { ...release, templates, customerCount, progress };
  }

  async create(request: CreateReleaseRequest, actor: string): Promise<Release> {
    const id = await this.store.createRelease(
      {
        name: request.name,
        type: request.type,
        versionNumber: request.versionNumber ?? null,
        releaseDate: request.releaseDate ?? null,
        description: request.description ?? null,
        catalogEntityRef: request.catalogEntityRef ?? null,
        metadata: request.metadata ?? {},
      },
      actor,
    );
    await this.signals.publish({ type: 'release.created', releaseId: id });
    return requireRelease(this.store, id);
  }

  async update(id: number, request: UpdateReleaseRequest): Promise<Release> {
    const { version, ...fields } = request;
    const release = await this.store.transaction(async tx => {
      const current = await requireRelease(tx, id, { lock: true });
      expectNotArchived(current);
      expectVersion(current, version, `Release ${id}`);
      if (!(await tx.updateRelease(id, version, fields))) {
        throw staleError(`Release ${id}`);
      }
      return requireRelease(tx, id);
    });
    await this.signals.publish({ type: 'release.updated', releaseId: id });
    return release;
  }

  /** Only a draft can be deleted; active and archived releases are records. */
  async delete(id: number, version: number): Promise<void> {
    await this.store.transaction(async tx => {
      const current = await requireRelease(tx, id, { lock: true });
      if (current.status !== 'draft') {
        throw new ConflictError(
          `Release ${id} is ${current.status}; only a draft can be deleted (archive it instead)`,
        );
      }
      expectVersion(current, version, `Release ${id}`);
      if (!(await tx.deleteRelease(id, version))) {
        throw staleError(`Release ${id}`);
      }
    });
    await this.signals.publish({ type: 'release.deleted', releaseId: id });
  }

  /** The eligible customers of `ids`, or 400 naming the others. */
  private async checkCustomers(
    store: ReleaseStore,
    ids: number[],
  ): Promise<number[]> {
    const unique = [...new Set(ids)];
    const eligible = new Set(await store.eligibleCustomerIds(unique));
    const refused = unique.filter(id => !eligible.has(id));
    if (refused.length > 0) {
      throw new InputError(
        `Customers not found, deleted or inactive: ${refused.join(', ')}`,
      );
    }
    return unique;
  }

  /**
   * Draft → active in one transaction: records the customers and copies every
   * template to each of them with one INSERT … SELECT. Any failure leaves the
   * release a draft with no customers and no steps.
   */
  async activate(
    id: number,
    request: ActivateReleaseRequest,
    actor: string,
  ): Promise<ActivationResult> {
    const result = await this.measured('activate', () =>
      this.activateInTransaction(id, request, actor),
    );
    await this.signals.publish({
      type: 'release.activated',
      releaseId: id,
      customerIds: result.customerIds,
    });
    return result;
  }

  /** Times an activation and counts the steps it created. */
  private async measured(
    kind: 'activate' | 'add_customers',
    fn: () => Promise<ActivationResult>,
  ): Promise<ActivationResult> {
    const result = await this.metrics.activationDuration.timeSeconds(
      fn,
      outcome => ({ kind, outcome: activationOutcome(outcome) }),
    );
    this.metrics.stepsCreated.add({ kind }, result.stepCount);
    return result;
  }

  private activateInTransaction(
    id: number,
    request: ActivateReleaseRequest,
    actor: string,
  ): Promise<ActivationResult> {
    return this.store.transaction(async tx => {
      const current = await requireRelease(tx, id, { lock: true });
      if (current.status !== 'draft') {
        throw new ConflictError(
          `Release ${id} is ${current.status}; only a draft can be activated`,
        );
      }
      expectVersion(current, request.version, `Release ${id}`);
      const selection = request.customerIds
        ? await this.checkCustomers(tx, request.customerIds)
        : 'allActive';
      const customerIds = await tx.addReleaseCustomers(id, selection, actor);
      if (customerIds.length === 0) {
        throw new InputError('No active customers to activate the release for');
      }
      const stepCount = await tx.copyTemplatesToCustomers(id);
      // statistics for the new rows now, so that the first matrix read after
      // activation plans as well as later ones (not after autovacuum)
      await tx.analyzeSteps();
      const activated = await tx.updateRelease(id, request.version, {
        status: 'active',
        activatedNow: true,
      });
      if (!activated) {
        throw staleError(`Release ${id}`);
      }
      return {
        release: await requireRelease(tx, id),
        customerIds,
        stepCount,
      };
    });
  }

  /** Adds customers to an active release with the current templates. */
  async addCustomers(
    id: number,
    customerIds: number[],
    actor: string,
  ): Promise<ActivationResult> {
    const result = await this.measured('add_customers', () =>
      this.store.transaction(async tx => {
        const current = await requireRelease(tx, id, { lock: true });
        if (current.status !== 'active') {
          throw new ConflictError(
            `Release ${id} is ${current.status}; customers can only be added to an active release`,
          );
        }
        const selection = await this.checkCustomers(tx, customerIds);
        const added = await tx.addReleaseCustomers(id, selection, actor);
        if (added.length === 0) {
          throw new ConflictError(
            'All selected customers are already in this release',
          );
        }
        const stepCount = await tx.copyTemplatesToCustomers(id, {
          customerIds: added,
        });
        if (stepCount >= ANALYZE_AFTER_STEPS) {
          await tx.analyzeSteps();
        }
        return { release: current, customerIds: added, stepCount };
      }),
    );
    await this.signals.publish({
      type: 'release.customersAdded',
      releaseId: id,
      customerIds: result.customerIds,
    });
    return result;
  }

  async archive(id: number, version: number): Promise<Release> {
    const release = await this.store.transaction(async tx => {
      const current = await requireRelease(tx, id, { lock: true });
      expectNotArchived(current);
      expectVersion(current, version, `Release ${id}`);
      const archived = await tx.updateRelease(id, version, {
        status: 'archived',
        archivedNow: true,
      });
      if (!archived) {
        throw staleError(`Release ${id}`);
      }
      return requireRelease(tx, id);
    });
    await this.signals.publish({ type: 'release.archived', releaseId: id });
    return release;
  }

  /** Progress of the release, of each cluster and of each customer. */
  async progress(id: number): Promise<ReleaseProgress> {
    await requireRelease(this.store, id);
    const [customers, counts] = await Promise.all([
      this.store.listReleaseCustomers(id),
      this.store.statusCounts(id),
    ]);
    const total = emptyProgress();
    const byCustomer = new Map<number, CustomerProgress>();
    const byCluster = new Map<number, ClusterProgress>();
    for (const c of customers) {
      byCustomer.set(c.customerId, { ...c, progress: emptyProgress() });
      const cluster = byCluster.get(c.clusterId) ?? {
        clusterId: c.clusterId,
        clusterName: c.clusterName,
        customerCount: 0,
        progress: emptyProgress(),
      };
      cluster.customerCount += 1;
      byCluster.set(c.clusterId, cluster);
    }
    for (const row of counts) {
      addToProgress(total, row.status, row.count);
      const customer = byCustomer.get(row.customerId);
      if (customer) {
        addToProgress(customer.progress, row.status, row.count);
        const cluster = byCluster.get(customer.clusterId);
        if (cluster) {
          addToProgress(cluster.progress, row.status, row.count);
        }
      }
    }
    return {
      releaseId: id,
      progress: total,
      clusters: [...byCluster.values()],
      customers: [...byCustomer.values()],
    };
  }

  async events(
    id: number,
    filter: { customerId?: number },
    page: PageQuery,
  ): Promise<Page<StepEvent>> {
    await requireRelease(this.store, id);
    const { items, totalCount } = await this.store.listReleaseEvents(
      id,
      filter,
      page,
    );
    return toPage(items, totalCount, page);
  }
}
