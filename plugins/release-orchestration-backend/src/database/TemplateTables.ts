import {
  StepCategory,
  StepTemplate,
} from '@opshub/plugin-release-orchestration-common';
import { TemplateFields, TemplateStore } from './ReleaseStore';
import { defined, insertedId, TemplateRow, toTemplate } from './rows';
import { StoreContext } from './StoreContext';

/**
 * Step templates, and their propagation to pending customer steps.
 *
 * @internal
 */
export class TemplateTables extends StoreContext implements TemplateStore {
  async listTemplates(releaseId: number): Promise<StepTemplate[]> {
    const rows = await this.db('step_templates')
      .where({ release_id: releaseId })
      .orderBy([
        { column: 'category', order: 'asc' },
        { column: 'order_index', order: 'asc' },
      ])
      .select<TemplateRow[]>('*');
    return rows.map(toTemplate);
  }

  async getTemplate(id: number): Promise<StepTemplate | undefined> {
    const [row] = await this.db('step_templates')
      .where({ id })
      .select<TemplateRow[]>('*');
    return row ? toTemplate(row) : undefined;
  }

  async createTemplate(
    releaseId: number,
    fields: TemplateFields,
    options?: { orderIndex?: number },
  ): Promise<number> {
    const scope = { release_id: releaseId, category: fields.category };
    const [{ max }] = await this.db('step_templates')
      .where(scope)
      .max({ max: 'order_index' });
    const end = max === null || max === undefined ? 0 : Number(max) + 1;
    const at = options?.orderIndex;
    const orderIndex = at === undefined || at >= end ? end : Math.max(at, 0);
    if (orderIndex < end) {
      // two steps around the unique (release, category, order): x → -2-x → x+1
      await this.db('step_templates')
        .where(scope)
        .where('order_index', '>=', orderIndex)
        .update({ order_index: this.db.raw('-2 - order_index') });
      await this.db('step_templates')
        .where(scope)
        .where('order_index', '<', 0)
        .update({
          order_index: this.db.raw('-1 - order_index'),
          version: this.db.raw('version + 1'),
          updated_at: this.now(),
        });
    }
    const [row] = await this.db('step_templates')
      .insert({
        release_id: releaseId,
        name: fields.name,
        category: fields.category,
        type: fields.type,
        content: fields.content,
        description: fields.description,
        order_index: orderIndex,
      })
      .returning('id');
    return insertedId(row);
  }

  async updateTemplate(
    id: number,
    version: number,
    fields: Partial<TemplateFields>,
  ): Promise<boolean> {
    const count = await this.db('step_templates')
      .where({ id, version })
      .update({
        ...defined({
          name: fields.name,
          type: fields.type,
          content: fields.content,
          description: fields.description,
        }),
        version: version + 1,
        updated_at: this.now(),
      });
    return count === 1;
  }

  async deleteTemplate(id: number, version: number): Promise<boolean> {
    // detach the steps that stay (done, skipped, reverted); SQLite may run
    // without foreign-key actions
    await this.db('customer_steps')
      .where({ template_id: id })
      .update({ template_id: null });
    const count = await this.db('step_templates')
      .where({ id, version })
      .delete();
    return count === 1;
  }

  async reorderTemplates(
    releaseId: number,
    category: StepCategory,
    templateIds: number[],
  ): Promise<void> {
    if (templateIds.length === 0) {
      return;
    }
    const scope = { release_id: releaseId, category };
    // step 1: move out of the way of the unique (release, category, order)
    await this.db('step_templates')
      .where(scope)
      .update({ order_index: this.db.raw('-1 - order_index') });
    // step 2: one statement, CASE id WHEN ? THEN ? ...
    const cases = templateIds
      .map(() => 'when ? then cast(? as integer)')
      .join(' ');
    const bindings = templateIds.flatMap((id, index) => [id, index]);
    await this.db('step_templates')
      .where(scope)
      .whereIn('id', templateIds)
      .update({
        order_index: this.db.raw(`case id ${cases} end`, bindings),
        version: this.db.raw('version + 1'),
        updated_at: this.now(),
      });
  }

  async propagateTemplate(
    templateId: number,
    actor: string,
  ): Promise<number[]> {
    const template = await this.getTemplate(templateId);
    if (!template) {
      return [];
    }
    const targets = () =>
      this.db('customer_steps')
        .where({ template_id: templateId, status: 'pending' })
        .where('is_overridden', false);
    const changed = targets().where(inner =>
      inner
        .whereNot('content', template.content)
        .orWhereNot('name', template.name)
        .orWhereNot('type', template.type),
    );
    // history first (content before → after), set-based
    await this.db
      .into(
        this.db.raw('?? (??, ??, ??, ??, ??, ??, ??)', [
          'step_events',
          'step_id',
          'release_id',
          'customer_id',
          'kind',
          'actor',
          'content_before',
          'content_after',
        ]),
      )
      .insert(
        changed
          .clone()
          .select(
            'id',
            'release_id',
            'customer_id',
            this.db.raw(`'template'`),
            this.db.raw('?', [actor]),
            'content',
            this.db.raw('?', [template.content]),
          ),
      );
    const rows = await changed
      .clone()
      .select<Array<{ id: number }>>('id')
      .orderBy('id');
    const ids = rows.map(r => Number(r.id));
    if (ids.length > 0) {
      await targets()
        .whereIn('id', ids)
        .update({
          name: template.name,
          type: template.type,
          content: template.content,
          version: this.db.raw('version + 1'),
          updated_at: this.now(),
        });
    }
    return ids;
  }

  async propagateOrder(
    releaseId: number,
    category: StepCategory,
  ): Promise<number> {
    return this.db('customer_steps')
      .where({ release_id: releaseId, category, status: 'pending' })
      .whereNotNull('template_id')
      .update({
        order_index: this.db.raw(
          '(select t.order_index from step_templates t where t.id = customer_steps.template_id)',
        ),
        version: this.db.raw('version + 1'),
        updated_at: this.now(),
      });
  }

  async deletePendingStepsOfTemplate(templateId: number): Promise<number[]> {
    const rows = await this.db('customer_steps')
      .where({ template_id: templateId, status: 'pending' })
      .select<Array<{ id: number }>>('id');
    const ids = rows.map(r => Number(r.id));
    if (ids.length > 0) {
      await this.db('step_events')
        .whereIn('step_id', ids)
        .update({ step_id: null });
      await this.db('customer_steps').whereIn('id', ids).delete();
    }
    return ids;
  }
}
