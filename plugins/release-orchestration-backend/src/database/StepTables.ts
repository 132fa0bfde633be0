import {
  CustomerStep,
  StepCategory,
} from '@opshub/plugin-release-orchestration-common';
import { StepPatch, StepStore, TemplateFields } from './ReleaseStore';
import {
  defined,
  insertCount,
  insertedId,
  STEP_COPY_COLUMNS,
  StepRow,
  toStep,
} from './rows';
import { StoreContext } from './StoreContext';

/**
 * Customer steps: set-based copies from templates, writes, order, statistics.
 *
 * @internal
 */
export class StepTables extends StoreContext implements StepStore {
  async copyTemplatesToCustomers(
    releaseId: number,
    options: { customerIds?: number[]; templateId?: number } = {},
  ): Promise<number> {
    if (options.customerIds && options.customerIds.length === 0) {
      return 0;
    }
    const source = this.db('release_customers as rc')
      .join('step_templates as t', 't.release_id', 'rc.release_id')
      .where('rc.release_id', releaseId)
      .select(
        'rc.release_id',
        'rc.customer_id',
        't.id',
        't.name',
        't.category',
        't.type',
        't.content',
        't.order_index',
      );
    if (options.customerIds) {
      source.whereIn('rc.customer_id', options.customerIds);
    }
    if (options.templateId !== undefined) {
      source.where('t.id', options.templateId);
    }
    const result: unknown = await this.db
      .into(
        this.db.raw(`?? (${STEP_COPY_COLUMNS.map(() => '??').join(', ')})`, [
          'customer_steps',
          ...STEP_COPY_COLUMNS,
        ]),
      )
      .insert(source);
    if (this.isPostgres) {
      return insertCount(result);
    }
    const [{ n }] = await this.db.select(this.db.raw('changes() as n'));
    return Number(n);
  }

  async analyzeSteps(): Promise<void> {
    if (!this.isPostgres) {
      return;
    }
    // A 3,000-row sample (statistics target 10 instead of 100) costs a tenth
    // and is plenty to plan the matrix and progress reads; autovacuum later
    // refines it with the server's default target. SET LOCAL lasts until
    // the end of the transaction, so it is put back right after. Only the
    // columns that filters, joins and group-bys use; not the wide text.
    await this.db.raw('set local default_statistics_target = 10');
    await this.db.raw('analyze ?? (??, ??, ??, ??, ??, ??, ??)', [
      'customer_steps',
      'release_id',
      'customer_id',
      'template_id',
      'category',
      'status',
      'is_custom',
      'is_overridden',
    ]);
    await this.db.raw('set local default_statistics_target to default');
  }

  async getStep(id: number): Promise<CustomerStep | undefined> {
    const [row] = await this.db('customer_steps')
      .where({ id })
      .select<StepRow[]>('*');
    return row ? toStep(row) : undefined;
  }

  async getSteps(
    ids: number[],
    options?: { lock?: boolean },
  ): Promise<CustomerStep[]> {
    if (ids.length === 0) {
      return [];
    }
    const query = this.db('customer_steps')
      .whereIn('id', ids)
      .orderBy('id')
      .select<StepRow[]>('*');
    if (options?.lock && this.isPostgres) {
      query.forUpdate();
    }
    return (await query).map(toStep);
  }

  async listCustomerSteps(
    releaseId: number,
    customerId: number,
  ): Promise<CustomerStep[]> {
    const rows = await this.db('customer_steps')
      .where({ release_id: releaseId, customer_id: customerId })
      .orderBy([
        { column: 'category', order: 'asc' },
        { column: 'order_index', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .select<StepRow[]>('*');
    return rows.map(toStep);
  }

  private stepColumns(patch: StepPatch) {
    return {
      ...defined({
        name: patch.name,
        type: patch.type,
        content: patch.content,
        status: patch.status,
        skip_reason: patch.skipReason,
        notes: patch.notes,
        is_overridden: patch.isOverridden,
      }),
      ...(patch.executedBy
        ? { executed_by: patch.executedBy, executed_at: this.now() }
        : {}),
      ...(patch.clearExecution ? { executed_by: null, executed_at: null } : {}),
      updated_at: this.now(),
    };
  }

  async updateStep(
    id: number,
    version: number,
    patch: StepPatch,
  ): Promise<boolean> {
    const count = await this.db('customer_steps')
      .where({ id, version })
      .update({ ...this.stepColumns(patch), version: version + 1 });
    return count === 1;
  }

  async updateSteps(ids: number[], patch: StepPatch): Promise<number> {
    if (ids.length === 0) {
      return 0;
    }
    return this.db('customer_steps')
      .whereIn('id', ids)
      .update({
        ...this.stepColumns(patch),
        version: this.db.raw('version + 1'),
      });
  }

  async createCustomStep(
    releaseId: number,
    customerId: number,
    fields: Omit<TemplateFields, 'description'>,
    options?: { orderIndex?: number },
  ): Promise<number> {
    const orderIndex =
      options?.orderIndex ??
      (await this.endOfSteps(releaseId, customerId, fields.category));
    const [row] = await this.db('customer_steps')
      .insert({
        release_id: releaseId,
        customer_id: customerId,
        template_id: null,
        name: fields.name,
        category: fields.category,
        type: fields.type,
        content: fields.content,
        order_index: orderIndex,
        is_custom: true,
      })
      .returning('id');
    return insertedId(row);
  }

  /** Each customer's order of its step of `templateId` (correlated). */
  private anchorOrder(releaseId: number, templateId: number) {
    return this.db('customer_steps as a')
      .select('a.order_index')
      .where('a.release_id', releaseId)
      .where('a.template_id', templateId)
      .whereRaw('?? = ??', ['a.customer_id', 'customer_steps.customer_id'])
      .limit(1);
  }

  async shiftStepsFrom(
    releaseId: number,
    category: StepCategory,
    anchorTemplateId: number,
  ): Promise<number[]> {
    const scope = () =>
      this.db('customer_steps')
        .where({ release_id: releaseId, category })
        .where(
          'order_index',
          '>=',
          this.anchorOrder(releaseId, anchorTemplateId),
        );
    const rows = await scope()
      .select<Array<{ id: number }>>('id')
      .orderBy('id');
    const ids = rows.map(r => Number(r.id));
    if (ids.length > 0) {
      await this.db('customer_steps')
        .whereIn('id', ids)
        .update({
          order_index: this.db.raw('order_index + 1'),
          version: this.db.raw('version + 1'),
          updated_at: this.now(),
        });
    }
    return ids;
  }

  async placeTemplateSteps(
    templateId: number,
    anchorTemplateId: number,
  ): Promise<number> {
    const [template] = await this.db('step_templates')
      .where({ id: templateId })
      .select<Array<{ release_id: number }>>('release_id');
    if (!template) {
      return 0;
    }
    const releaseId = Number(template.release_id);
    const anchor = this.anchorOrder(releaseId, anchorTemplateId);
    return this.db('customer_steps')
      .where({ template_id: templateId })
      .whereExists(anchor.clone())
      .update({
        order_index: this.db.raw('(?) - 1', [anchor.clone()]),
      });
  }

  async setStepOrder(stepIds: number[], startAt = 0): Promise<number[]> {
    if (stepIds.length === 0) {
      return [];
    }
    const rows = await this.db('customer_steps')
      .whereIn('id', stepIds)
      .select<Array<{ id: number; order_index: number }>>('id', 'order_index');
    const current = new Map(
      rows.map(r => [Number(r.id), Number(r.order_index)]),
    );
    const moved = stepIds
      .map((id, i) => ({ id, index: startAt + i }))
      .filter(({ id, index }) => current.has(id) && current.get(id) !== index);
    if (moved.length === 0) {
      return [];
    }
    const cases = moved.map(() => 'when ? then cast(? as integer)').join(' ');
    const bindings = moved.flatMap(({ id, index }) => [id, index]);
    await this.db('customer_steps')
      .whereIn(
        'id',
        moved.map(m => m.id),
      )
      .update({
        order_index: this.db.raw(`case id ${cases} end`, bindings),
        version: this.db.raw('version + 1'),
        updated_at: this.now(),
      });
    return moved.map(m => m.id);
  }

  private async endOfSteps(
    releaseId: number,
    customerId: number,
    category: StepCategory,
  ): Promise<number> {
    const [{ max }] = await this.db('customer_steps')
      .where({ release_id: releaseId, customer_id: customerId, category })
      .max({ max: 'order_index' });
    return max === null || max === undefined ? 0 : Number(max) + 1;
  }

  async findTemplateStep(
    customerId: number,
    templateId: number,
  ): Promise<CustomerStep | undefined> {
    const [row] = await this.db('customer_steps')
      .where({ customer_id: customerId, template_id: templateId })
      .select<StepRow[]>('*');
    return row ? toStep(row) : undefined;
  }

  async deleteStep(id: number, version: number): Promise<boolean> {
    await this.db('step_events')
      .where({ step_id: id })
      .update({ step_id: null });
    const count = await this.db('customer_steps')
      .where({ id, version })
      .delete();
    return count === 1;
  }
}
