import { InputError, NotFoundError } from '@backstage/errors';
import {
  BulkStepRequest,
  CustomerStep,
} from '@opshub/plugin-release-orchestration-common';
import { NewStepEvent, ReleaseStore } from '../database/ReleaseStore';
import {
  expectActive,
  ReleaseSignals,
  requireRelease,
  staleError,
} from './common';
import {
  checkTransition,
  expectNotDone,
  patchFor,
  StatusChange,
} from './stepRules';

/**
 * One action on many steps of a release (done, skip, revert, reopen, reset),
 * all or nothing, in one transaction with the steps locked.
 *
 * @internal
 */
export class BulkStepService {
  private readonly store: ReleaseStore;
  private readonly signals: ReleaseSignals;

  constructor(options: { store: ReleaseStore; signals?: ReleaseSignals }) {
    this.store = options.store;
    this.signals = options.signals ?? new ReleaseSignals();
  }

  /**
   * One action on many steps of a release, all or nothing: one missing step,
   * stale version or illegal transition refuses the whole batch.
   */
  async run(
    releaseId: number,
    request: BulkStepRequest,
    actor: string,
  ): Promise<CustomerStep[]> {
    const ids = request.steps.map(s => s.id);
    if (new Set(ids).size !== ids.length) {
      throw new InputError('Each step may appear once in a bulk action');
    }
    if (request.action === 'skip' && !request.reason?.trim()) {
      throw new InputError('A reason is required to skip steps');
    }
    const steps = await this.store.transaction(async tx => {
      expectActive(
        await requireRelease(tx, releaseId, { lock: true }),
        'a bulk action',
      );
      const current = await tx.getSteps(ids, { lock: true });
      const found = new Map(
        current.filter(s => s.releaseId === releaseId).map(s => [s.id, s]),
      );
      const missing = ids.filter(sid => !found.has(sid));
      if (missing.length > 0) {
        throw new NotFoundError(
          `No steps ${missing.join(', ')} in release ${releaseId}`,
        );
      }
      const stale = request.steps.filter(
        s => found.get(s.id)!.version !== s.version,
      );
      if (stale.length > 0) {
        throw staleError(`Steps ${stale.map(s => s.id).join(', ')}`);
      }
      if (request.action === 'reset') {
        await this.bulkReset(tx, [...found.values()], actor);
      } else {
        const change = bulkChange(request);
        for (const step of found.values()) {
          checkTransition(step, change.to);
        }
        const count = await tx.updateSteps(ids, patchFor(change, actor));
        if (count !== ids.length) {
          throw staleError(`Steps ${ids.join(', ')}`);
        }
        await tx.addEvents(
          [...found.values()].map(step => ({
            stepId: step.id,
            releaseId,
            customerId: step.customerId,
            kind: 'status' as const,
            actor,
            fromStatus: step.status,
            toStatus: change.to,
            note: change.note ?? null,
          })),
        );
      }
      return tx.getSteps(ids);
    });
    await this.signals.publish({
      type: 'steps.bulkUpdated',
      releaseId,
      stepIds: ids,
      customerIds: [...new Set(steps.map(s => s.customerId))],
    });
    return steps;
  }

  private async bulkReset(
    tx: ReleaseStore,
    steps: CustomerStep[],
    actor: string,
  ): Promise<void> {
    const events: NewStepEvent[] = [];
    for (const step of steps) {
      expectNotDone(step);
      const template =
        step.templateId === null
          ? undefined
          : await tx.getTemplate(step.templateId);
      if (!template) {
        throw new InputError(`Step ${step.id} has no template to reset to`);
      }
      const updated = await tx.updateStep(step.id, step.version, {
        name: template.name,
        type: template.type,
        content: template.content,
        isOverridden: false,
      });
      if (!updated) {
        throw staleError(`Step ${step.id}`);
      }
      events.push({
        stepId: step.id,
        releaseId: step.releaseId,
        customerId: step.customerId,
        kind: 'reset',
        actor,
        contentBefore: step.content,
        contentAfter: template.content,
      });
    }
    await tx.addEvents(events);
  }
}

function bulkChange(request: BulkStepRequest): StatusChange {
  switch (request.action) {
    case 'done':
      return { to: 'done', note: request.notes ?? undefined };
    case 'skip':
      return { to: 'skipped', note: request.reason };
    case 'revert':
      return { to: 'reverted', note: request.reason ?? undefined };
    default:
      return { to: 'pending' };
  }
}
