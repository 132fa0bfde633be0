import { NotFoundError } from '@backstage/errors';
import { PageQuery } from '@opshub/opshub-common';
import {
  MatrixCell,
  MatrixStep,
  Progress,
  ReleaseMatrix,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore } from '../database/ReleaseStore';
import { addToProgress, emptyProgress, requireRelease } from './common';

/**
 * The release matrix: one page of a cluster's customers × steps.
 *
 * @internal
 */
export class MatrixService {
  private readonly store: ReleaseStore;

  constructor(options: { store: ReleaseStore }) {
    this.store = options.store;
  }

  /**
   * One page of the release's customers on one cluster with every step
   * status, in a few set-based queries.
   */
  async read(
    id: number,
    clusterName: string,
    page: PageQuery,
  ): Promise<ReleaseMatrix> {
    const [, cluster] = await Promise.all([
      requireRelease(this.store, id),
      this.store.getCluster(clusterName),
    ]);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${clusterName}'`);
    }
    const customerPage = await this.store.pageReleaseCustomers(
      id,
      cluster.id,
      page,
    );
    // when the page holds the whole cluster, its progress is the page's
    const wholeCluster =
      page.offset === 0 && customerPage.totalCount <= customerPage.items.length;
    const [templates, rows, clusterCounts] = await Promise.all([
      this.store.listTemplates(id),
      this.store.matrixSteps(
        id,
        customerPage.items.map(c => c.id),
      ),
      wholeCluster
        ? Promise.resolve([])
        : this.store.statusCounts(id, { clusterId: cluster.id }),
    ]);

    const steps: MatrixStep[] = templates.map(t => ({
      key: `t${t.id}`,
      templateId: t.id,
      name: t.name,
      category: t.category,
      type: t.type,
      orderIndex: t.orderIndex,
      isCustom: false,
    }));
    const cells: Record<string, Record<string, MatrixCell>> = {};
    const progressOf = new Map<number, Progress>();
    for (const c of customerPage.items) {
      cells[c.id] = {};
      progressOf.set(c.id, emptyProgress());
    }
    for (const row of rows) {
      const key = row.templateId === null ? `c${row.id}` : `t${row.templateId}`;
      if (row.templateId === null) {
        steps.push({
          key,
          templateId: null,
          name: row.name,
          category: row.category,
          type: row.type,
          orderIndex: row.orderIndex,
          isCustom: row.isCustom,
        });
      }
      cells[row.customerId][key] = {
        stepId: row.id,
        status: row.status,
        version: row.version,
        isOverridden: row.isOverridden,
        isCustom: row.isCustom,
      };
      addToProgress(progressOf.get(row.customerId)!, row.status, 1);
    }
    steps.sort(
      (a, b) =>
        a.category.localeCompare(b.category) ||
        Number(a.templateId === null) - Number(b.templateId === null) ||
        a.orderIndex - b.orderIndex ||
        a.key.localeCompare(b.key),
    );
    const progress = emptyProgress();
    if (wholeCluster) {
      for (const row of rows) {
        addToProgress(progress, row.status, 1);
      }
    }
    for (const row of clusterCounts) {
      addToProgress(progress, row.status, row.count);
    }
    return {
      releaseId: id,
      clusterId: cluster.id,
      clusterName: cluster.name,
      steps,
      customers: customerPage.items.map(c => ({
        ...c,
        progress: progressOf.get(c.id)!,
      })),
      cells,
      progress,
      totalCount: customerPage.totalCount,
      limit: page.limit,
      offset: page.offset,
    };
  }
}
