import { PageQuery } from '@opshub/opshub-common';
import { StepEvent } from '@opshub/plugin-release-orchestration-common';
import { EventStore, NewStepEvent } from './ReleaseStore';
import { EventRow, toEvent } from './rows';
import { StoreContext } from './StoreContext';

/**
 * The history of customer steps.
 *
 * @internal
 */
export class EventTables extends StoreContext implements EventStore {
  async addEvents(events: NewStepEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const rows = events.map(e => ({
      step_id: e.stepId,
      release_id: e.releaseId,
      customer_id: e.customerId,
      kind: e.kind,
      actor: e.actor,
      from_status: e.fromStatus ?? null,
      to_status: e.toStatus ?? null,
      note: e.note ?? null,
      content_before: e.contentBefore ?? null,
      content_after: e.contentAfter ?? null,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await this.db('step_events').insert(rows.slice(i, i + 500));
    }
  }

  async listStepEvents(stepId: number): Promise<StepEvent[]> {
    const rows = await this.db('step_events')
      .where({ step_id: stepId })
      .orderBy('id', 'asc')
      .select<EventRow[]>('*');
    return rows.map(toEvent);
  }

  async listReleaseEvents(
    releaseId: number,
    filter: { customerId?: number },
    page: PageQuery,
  ) {
    const base = () => {
      const q = this.db('step_events').where({ release_id: releaseId });
      if (filter.customerId !== undefined) {
        q.where({ customer_id: filter.customerId });
      }
      return q;
    };
    const [rows, [{ count }]] = await Promise.all([
      base()
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .select<EventRow[]>('*'),
      base().count({ count: '*' }),
    ]);
    return { items: rows.map(toEvent), totalCount: Number(count) };
  }

  async pruneEvents(before: Date): Promise<number> {
    return await this.db('step_events').where('at', '<', before).delete();
  }
}
