import { PageQuery } from '@opshub/opshub-common';
import {
  StepCategory,
  StepStatus,
  StepType,
} from '@opshub/plugin-release-orchestration-common';
import {
  ExportedStep,
  MatrixStepRow,
  StatusCountRow,
  StepReadStore,
} from './ReleaseStore';
import { Bool, Count, StepRow, toStep } from './rows';
import { StoreContext } from './StoreContext';

/**
 * Set-based reads across steps: status counts, matrix pages, exports.
 *
 * @internal
 */
export class StepReads extends StoreContext implements StepReadStore {
  async statusCounts(
    releaseId: number,
    filter: { clusterId?: number; customerIds?: number[] } = {},
  ): Promise<StatusCountRow[]> {
    const query = this.db('customer_steps as s')
      .where('s.release_id', releaseId)
      .groupBy('s.customer_id', 's.status')
      .select<Array<{ customer_id: number; status: StepStatus; count: Count }>>(
        's.customer_id',
        's.status',
        this.db.raw('count(*) as count'),
      );
    if (filter.clusterId !== undefined) {
      query
        .join('customers as c', 'c.id', 's.customer_id')
        .where('c.cluster_id', filter.clusterId);
    }
    if (filter.customerIds) {
      query.whereIn('s.customer_id', filter.customerIds);
    }
    const rows = await query;
    return rows.map(r => ({
      customerId: Number(r.customer_id),
      status: r.status,
      count: Number(r.count),
    }));
  }

  async pageReleaseCustomers(
    releaseId: number,
    clusterId: number,
    page: PageQuery,
  ) {
    const base = () =>
      this.db('release_customers as rc')
        .join('customers as c', 'c.id', 'rc.customer_id')
        .where('rc.release_id', releaseId)
        .where('c.cluster_id', clusterId);
    const [rows, [{ count }]] = await Promise.all([
      base()
        .orderBy([
          { column: 'c.name', order: 'asc' },
          { column: 'c.id', order: 'asc' },
        ])
        .limit(page.limit)
        .offset(page.offset)
        .select<Array<{ id: number; name: string; namespace: string }>>(
          'c.id',
          'c.name',
          'c.namespace',
        ),
      base().count({ count: '*' }),
    ]);
    return {
      items: rows.map(r => ({
        id: Number(r.id),
        name: r.name,
        namespace: r.namespace,
      })),
      totalCount: Number(count),
    };
  }

  async matrixSteps(
    releaseId: number,
    customerIds: number[],
  ): Promise<MatrixStepRow[]> {
    if (customerIds.length === 0) {
      return [];
    }
    // the cells only; names and order of template steps come from the
    // templates, so only steps without a template carry them
    const rows = await this.db('customer_steps')
      .where({ release_id: releaseId })
      .whereIn('customer_id', customerIds)
      .select<
        Array<{
          id: number;
          customer_id: number;
          template_id: number | null;
          name: string | null;
          category: StepCategory | null;
          type: StepType | null;
          order_index: number | null;
          status: StepStatus;
          version: number;
          is_overridden: Bool;
          is_custom: Bool;
        }>
      >(
        'id',
        'customer_id',
        'template_id',
        this.db.raw('case when template_id is null then name end as name'),
        this.db.raw(
          'case when template_id is null then category end as category',
        ),
        this.db.raw('case when template_id is null then type end as type'),
        this.db.raw(
          'case when template_id is null then order_index end as order_index',
        ),
        'status',
        'version',
        'is_overridden',
        'is_custom',
      );
    return rows.map(r => ({
      id: Number(r.id),
      customerId: Number(r.customer_id),
      templateId: r.template_id === null ? null : Number(r.template_id),
      name: r.name ?? '',
      category: r.category ?? 'deploy',
      type: r.type ?? 'text',
      orderIndex: Number(r.order_index ?? 0),
      status: r.status,
      version: Number(r.version),
      isOverridden: Boolean(r.is_overridden),
      isCustom: Boolean(r.is_custom),
    }));
  }

  async exportSteps(releaseId: number): Promise<ExportedStep[]> {
    const rows = await this.db('customer_steps as s')
      .join('customers as c', 'c.id', 's.customer_id')
      .join('clusters as k', 'k.id', 'c.cluster_id')
      .where('s.release_id', releaseId)
      .orderBy([
        { column: 'k.name', order: 'asc' },
        { column: 'c.name', order: 'asc' },
        { column: 'c.id', order: 'asc' },
        { column: 's.category', order: 'asc' },
        { column: 's.order_index', order: 'asc' },
        { column: 's.id', order: 'asc' },
      ])
      .select<
        Array<
          StepRow & {
            customer_name: string;
            namespace: string;
            cluster_name: string;
          }
        >
      >(
        's.*',
        'c.name as customer_name',
        'c.namespace',
        'k.name as cluster_name',
      );
    return rows.map(r => ({
      ...toStep(r),
      customerName: r.customer_name,
      namespace: r.namespace,
      clusterName: r.cluster_name,
    }));
  }
}
