import { InputError, NotFoundError } from '@backstage/errors';
import {
  CustomerStep,
  StepEvent,
} from '@opshub/plugin-release-orchestration-common';
import {
  NewStepEvent,
  ReleaseStore,
  StepPatch,
} from '../database/ReleaseStore';
import {
  expectActive,
  expectVersion,
  ReleaseSignals,
  requireRelease,
  staleError,
} from './common';
import {
  checkTransition,
  expectNotDone,
  patchFor,
  requireStep,
  StatusChange,
} from './stepRules';

export type { StatusChange } from './stepRules';

/**
 * Customer steps one at a time: status changes along the state machine,
 * overrides, reset, and history. Custom steps are {@link CustomStepService},
 * bulk actions {@link BulkStepService}. Every write checks the version the caller
 * read and records who made it (from the Backstage identity).
 *
 * @internal
 */
export class StepService {
  private readonly store: ReleaseStore;
  private readonly signals: ReleaseSignals;

  constructor(options: { store: ReleaseStore; signals?: ReleaseSignals }) {
    this.store = options.store;
    this.signals = options.signals ?? new ReleaseSignals();
  }

  get(id: number): Promise<CustomerStep> {
    return requireStep(this.store, id);
  }

  async listForCustomer(
    releaseId: number,
    customerId: number,
  ): Promise<CustomerStep[]> {
    await requireRelease(this.store, releaseId);
    if (!(await this.store.isReleaseCustomer(releaseId, customerId))) {
      throw new NotFoundError(
        `Customer ${customerId} is not part of release ${releaseId}`,
      );
    }
    return this.store.listCustomerSteps(releaseId, customerId);
  }

  async events(id: number): Promise<StepEvent[]> {
    await requireStep(this.store, id);
    return this.store.listStepEvents(id);
  }

  /**
   * Runs `change` on one step of an active release at `version`, then logs
   * `event` and publishes a signal.
   */
  private async write(
    id: number,
    version: number,
    action: string,
    change: (step: CustomerStep) => {
      patch: StepPatch;
      event: Omit<NewStepEvent, 'stepId' | 'releaseId' | 'customerId'>;
    },
  ): Promise<CustomerStep> {
    const step = await this.store.transaction(async tx => {
      const current = await requireStep(tx, id);
      expectActive(await requireRelease(tx, current.releaseId), action);
      expectVersion(current, version, `Step ${id}`);
      const { patch, event } = change(current);
      if (!(await tx.updateStep(id, version, patch))) {
        throw staleError(`Step ${id}`);
      }
      await tx.addEvents([
        {
          ...event,
          stepId: id,
          releaseId: current.releaseId,
          customerId: current.customerId,
        },
      ]);
      return requireStep(tx, id);
    });
    await this.signals.publish({
      type: 'step.updated',
      releaseId: step.releaseId,
      stepIds: [id],
      customerIds: [step.customerId],
    });
    return step;
  }

  /** Mark done, skip, revert or reopen, along the state machine. */
  transition(
    id: number,
    version: number,
    change: StatusChange,
    actor: string,
  ): Promise<CustomerStep> {
    if (change.to === 'skipped' && !change.note?.trim()) {
      throw new InputError('A reason is required to skip a step');
    }
    return this.write(id, version, `changing step status`, step => {
      checkTransition(step, change.to);
      return {
        patch: patchFor(change, actor),
        event: {
          kind: 'status',
          actor,
          fromStatus: step.status,
          toStatus: change.to,
          note: change.note ?? null,
        },
      };
    });
  }

  /** Replaces the content for this customer; template changes then skip it. */
  override(
    id: number,
    version: number,
    content: string,
    name: string | undefined,
    actor: string,
  ): Promise<CustomerStep> {
    return this.write(id, version, 'overriding a step', step => {
      expectNotDone(step);
      return {
        patch: { content, name, isOverridden: true },
        event: {
          kind: 'override',
          actor,
          contentBefore: step.content,
          contentAfter: content,
        },
      };
    });
  }

  /** Copies the template's name, type and content back; clears the override. */
  async reset(
    id: number,
    version: number,
    actor: string,
  ): Promise<CustomerStep> {
    const current = await requireStep(this.store, id);
    if (current.templateId === null) {
      throw new InputError(`Step ${id} has no template to reset to`);
    }
    const template = await this.store.getTemplate(current.templateId);
    if (!template) {
      throw new InputError(`Step ${id} has no template to reset to`);
    }
    return this.write(id, version, 'resetting a step', step => {
      expectNotDone(step);
      return {
        patch: {
          name: template.name,
          type: template.type,
          content: template.content,
          isOverridden: false,
        },
        event: {
          kind: 'reset',
          actor,
          contentBefore: step.content,
          contentAfter: template.content,
        },
      };
    });
  }
}
