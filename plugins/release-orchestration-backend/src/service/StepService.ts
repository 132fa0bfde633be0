import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AddCustomStepRequest,
  BulkStepRequest,
  canTransitionStep,
  CustomerStep,
  StepCategory,
  StepEvent,
  StepStatus,
  StepTemplate,
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

/** A status change and what it records. @internal */
export interface StatusChange {
  to: StepStatus;
  /** `done` notes, `skip` reason (required), `revert` reason. */
  note?: string | null;
}

function patchFor(change: StatusChange, actor: string): StepPatch {
  switch (change.to) {
    case 'done':
      return {
        status: 'done',
        executedBy: actor,
        skipReason: null,
        ...(change.note !== undefined ? { notes: change.note } : {}),
      };
    case 'skipped':
      return { status: 'skipped', executedBy: actor, skipReason: change.note };
    case 'reverted':
      return {
        status: 'reverted',
        executedBy: actor,
        ...(change.note ? { notes: change.note } : {}),
      };
    default:
      return { status: 'pending', clearExecution: true, skipReason: null };
  }
}

function checkTransition(step: CustomerStep, to: StepStatus): void {
  if (!canTransitionStep(step.status, to)) {
    throw new ConflictError(
      `Step ${step.id} is ${step.status}; it cannot become ${to}`,
    );
  }
}

function expectNotDone(step: CustomerStep): void {
  if (step.status === 'done') {
    throw new ConflictError(
      `Step ${step.id} is done; a done step is never changed (revert it first)`,
    );
  }
}

/**
 * Customer steps: status changes along the state machine, overrides, custom
 * steps, bulk actions and history. Every write checks the version the caller
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

  private async requireStep(
    store: ReleaseStore,
    id: number,
  ): Promise<CustomerStep> {
    const step = await store.getStep(id);
    if (!step) {
      throw new NotFoundError(`No step with id ${id}`);
    }
    return step;
  }

  get(id: number): Promise<CustomerStep> {
    return this.requireStep(this.store, id);
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
    await this.requireStep(this.store, id);
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
      const current = await this.requireStep(tx, id);
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
      return this.requireStep(tx, id);
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
    const current = await this.requireStep(this.store, id);
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

  /**
   * Adds a step for one customer; with `addToTemplate` adds a template
   * instead, copied to every customer of the release in the same transaction.
   */
  async addCustom(
    releaseId: number,
    customerId: number,
    request: AddCustomStepRequest,
    actor: string,
  ): Promise<CustomerStep> {
    const fields = {
      name: request.name,
      category: request.category,
      type: request.type,
      content: request.content,
    };
    const { step, templateId, moved } = await this.store.transaction(
      async tx => {
        expectActive(
          await requireRelease(tx, releaseId, { lock: true }),
          'adding a step',
        );
        if (!(await tx.isReleaseCustomer(releaseId, customerId))) {
          throw new NotFoundError(
            `Customer ${customerId} is not part of release ${releaseId}`,
          );
        }
        let created: CustomerStep | undefined;
        let tid: number | undefined;
        let movedIds: number[] = [];
        if (request.addToTemplate) {
          const anchor = await this.templateAt(
            tx,
            releaseId,
            request.category,
            request.position,
          );
          if (anchor) {
            // every customer's steps from the anchor's on move down by one
            await tx.shiftStepsFrom(releaseId, request.category, anchor.id);
          }
          tid = await tx.createTemplate(
            releaseId,
            { ...fields, description: null },
            { orderIndex: anchor?.orderIndex },
          );
          await tx.copyTemplatesToCustomers(releaseId, { templateId: tid });
          if (anchor) {
            await tx.placeTemplateSteps(tid, anchor.id);
          }
          created = await tx.findTemplateStep(customerId, tid);
        } else {
          const place = await this.makeRoom(
            tx,
            releaseId,
            customerId,
            request.category,
            request.position,
          );
          movedIds = place.moved;
          created = await tx.getStep(
            await tx.createCustomStep(releaseId, customerId, fields, {
              orderIndex: place.orderIndex,
            }),
          );
        }
        if (!created) {
          throw new Error(`Step for customer ${customerId} was not created`);
        }
        await tx.addEvents([
          {
            stepId: created.id,
            releaseId,
            customerId,
            kind: 'created',
            actor,
            toStatus: 'pending',
            contentAfter: created.content,
          },
        ]);
        return { step: created, templateId: tid, moved: movedIds };
      },
    );
    await this.signals.publish(
      templateId === undefined
        ? {
            type: 'step.created',
            releaseId,
            stepIds: [step.id, ...moved.filter(sid => sid !== step.id)],
            customerIds: [customerId],
          }
        : { type: 'template.created', releaseId, templateId },
    );
    return step;
  }

  /** The template now at `position` in the category, if any. */
  private async templateAt(
    tx: ReleaseStore,
    releaseId: number,
    category: StepCategory,
    position: number | undefined,
  ): Promise<StepTemplate | undefined> {
    if (position === undefined) {
      return undefined;
    }
    const templates = (await tx.listTemplates(releaseId)).filter(
      t => t.category === category,
    );
    return templates[position];
  }

  /**
   * Makes room at `position` in one customer's category: renumbers the
   * customer's steps of the category 0, 1, … leaving a gap at `position`, so
   * later steps move down by one (their status is kept). Returns the order
   * index of the gap (undefined to append) and the ids of the steps moved.
   */
  private async makeRoom(
    tx: ReleaseStore,
    releaseId: number,
    customerId: number,
    category: StepCategory,
    position: number | undefined,
  ): Promise<{ orderIndex?: number; moved: number[] }> {
    const order = (await tx.listCustomerSteps(releaseId, customerId))
      .filter(s => s.category === category)
      .map(s => s.id);
    if (position === undefined || position >= order.length) {
      return { moved: [] };
    }
    const moved = [
      ...(await tx.setStepOrder(order.slice(0, position))),
      ...(await tx.setStepOrder(order.slice(position), position + 1)),
    ];
    return { orderIndex: position, moved };
  }

  /** Deletes a custom step that is not done. */
  async deleteCustom(
    id: number,
    version: number,
    actor: string,
  ): Promise<void> {
    const step = await this.store.transaction(async tx => {
      const current = await this.requireStep(tx, id);
      if (!current.isCustom) {
        throw new InputError(
          `Step ${id} comes from a template; delete the template instead`,
        );
      }
      expectActive(
        await requireRelease(tx, current.releaseId),
        'deleting a step',
      );
      expectNotDone(current);
      expectVersion(current, version, `Step ${id}`);
      if (!(await tx.deleteStep(id, version))) {
        throw staleError(`Step ${id}`);
      }
      await tx.addEvents([
        {
          stepId: null,
          releaseId: current.releaseId,
          customerId: current.customerId,
          kind: 'deleted',
          actor,
          fromStatus: current.status,
          note: current.name,
          contentBefore: current.content,
        },
      ]);
      return current;
    });
    await this.signals.publish({
      type: 'step.deleted',
      releaseId: step.releaseId,
      stepIds: [id],
      customerIds: [step.customerId],
    });
  }

  /**
   * One action on many steps of a release, all or nothing: one missing step,
   * stale version or illegal transition refuses the whole batch.
   */
  async bulk(
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
