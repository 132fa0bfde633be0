import { InputError, NotFoundError } from '@backstage/errors';
import {
  AddCustomStepRequest,
  CustomerStep,
  StepCategory,
  StepTemplate,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore } from '../database/ReleaseStore';
import {
  expectActive,
  expectVersion,
  ReleaseSignals,
  requireRelease,
  staleError,
} from './common';
import { expectNotDone, requireStep } from './stepRules';

/**
 * Custom steps: a step added for one customer at a position (later steps move
 * down), or with `addToTemplate` a template copied to every customer of the
 * release in the same transaction; and deleting a custom step that is not
 * done.
 *
 * @internal
 */
export class CustomStepService {
  private readonly store: ReleaseStore;
  private readonly signals: ReleaseSignals;

  constructor(options: { store: ReleaseStore; signals?: ReleaseSignals }) {
    this.store = options.store;
    this.signals = options.signals ?? new ReleaseSignals();
  }

  /**
   * Adds a step for one customer; with `addToTemplate` adds a template
   * instead, copied to every customer of the release in the same transaction.
   */
  async add(
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
  async delete(id: number, version: number, actor: string): Promise<void> {
    const step = await this.store.transaction(async tx => {
      const current = await requireStep(tx, id);
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
}
