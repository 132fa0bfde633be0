import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  CreateTemplateRequest,
  ReorderTemplatesRequest,
  StepTemplate,
  UpdateTemplateRequest,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore } from '../database/ReleaseStore';
import {
  expectNotArchived,
  expectVersion,
  ReleaseSignals,
  requireRelease,
  staleError,
} from './common';

/** A template change and the customer steps it reached. @internal */
export interface TemplateChange {
  template: StepTemplate;
  /** Customer steps created or updated by the change. */
  propagatedStepIds: number[];
}

/**
 * Step templates. On an active release every change reaches the customer
 * steps in the same transaction: only pending steps, and content only where
 * the step is not overridden. Done, skipped and reverted steps are records and
 * never change.
 *
 * @internal
 */
export class TemplateService {
  private readonly store: ReleaseStore;
  private readonly signals: ReleaseSignals;

  constructor(options: { store: ReleaseStore; signals?: ReleaseSignals }) {
    this.store = options.store;
    this.signals = options.signals ?? new ReleaseSignals();
  }

  async list(releaseId: number): Promise<StepTemplate[]> {
    await requireRelease(this.store, releaseId);
    return this.store.listTemplates(releaseId);
  }

  private async requireTemplate(
    store: ReleaseStore,
    id: number,
  ): Promise<StepTemplate> {
    const template = await store.getTemplate(id);
    if (!template) {
      throw new NotFoundError(`No step template with id ${id}`);
    }
    return template;
  }

  /** Appends a template; on an active release every customer gets the step. */
  async add(
    releaseId: number,
    request: CreateTemplateRequest,
  ): Promise<TemplateChange> {
    const change = await this.store.transaction(async tx => {
      const release = await requireRelease(tx, releaseId, { lock: true });
      expectNotArchived(release);
      const id = await tx.createTemplate(releaseId, {
        name: request.name,
        category: request.category,
        type: request.type,
        content: request.content,
        description: request.description ?? null,
      });
      if (release.status === 'active') {
        await tx.copyTemplatesToCustomers(releaseId, { templateId: id });
      }
      return {
        template: await this.requireTemplate(tx, id),
        propagatedStepIds: [],
      };
    });
    await this.signals.publish({
      type: 'template.created',
      releaseId,
      templateId: change.template.id,
    });
    return change;
  }

  async update(
    id: number,
    request: UpdateTemplateRequest,
    actor: string,
  ): Promise<TemplateChange> {
    const { version, ...fields } = request;
    const change = await this.store.transaction(async tx => {
      const template = await this.requireTemplate(tx, id);
      const release = await requireRelease(tx, template.releaseId, {
        lock: true,
      });
      expectNotArchived(release);
      expectVersion(template, version, `Step template ${id}`);
      if (!(await tx.updateTemplate(id, version, fields))) {
        throw staleError(`Step template ${id}`);
      }
      const propagatedStepIds =
        release.status === 'active'
          ? await tx.propagateTemplate(id, actor)
          : [];
      return {
        template: await this.requireTemplate(tx, id),
        propagatedStepIds,
      };
    });
    await this.signals.publish({
      type: 'template.updated',
      releaseId: change.template.releaseId,
      templateId: id,
      stepIds: change.propagatedStepIds,
    });
    return change;
  }

  /** Deletes the template and its pending steps; executed steps stay. */
  async delete(
    id: number,
    version: number,
  ): Promise<{ deletedStepIds: number[] }> {
    const { releaseId, deletedStepIds } = await this.store.transaction(
      async tx => {
        const template = await this.requireTemplate(tx, id);
        const release = await requireRelease(tx, template.releaseId, {
          lock: true,
        });
        expectNotArchived(release);
        expectVersion(template, version, `Step template ${id}`);
        const stepIds = await tx.deletePendingStepsOfTemplate(id);
        if (!(await tx.deleteTemplate(id, version))) {
          throw staleError(`Step template ${id}`);
        }
        return { releaseId: release.id, deletedStepIds: stepIds };
      },
    );
    await this.signals.publish({
      type: 'template.deleted',
      releaseId,
      templateId: id,
      stepIds: deletedStepIds,
    });
    return { deletedStepIds };
  }

  /**
   * Reorders every template of a category and the pending steps copied from
   * them, in one transaction that holds the release row lock, so two
   * reorders never interleave.
   */
  async reorder(
    releaseId: number,
    request: ReorderTemplatesRequest,
  ): Promise<StepTemplate[]> {
    const templates = await this.store.transaction(async tx => {
      const release = await requireRelease(tx, releaseId, { lock: true });
      expectNotArchived(release);
      const current = (await tx.listTemplates(releaseId))
        .filter(t => t.category === request.category)
        .map(t => t.id);
      const wanted = new Set(request.templateIds);
      if (
        wanted.size !== request.templateIds.length ||
        current.length !== wanted.size ||
        current.some(tid => !wanted.has(tid))
      ) {
        throw new ConflictError(
          `The ${
            request.category
          } templates of release ${releaseId} are [${current.join(
            ', ',
          )}]; send each of them once, in the new order (reload if they changed)`,
        );
      }
      await tx.reorderTemplates(
        releaseId,
        request.category,
        request.templateIds,
      );
      if (release.status === 'active') {
        await tx.propagateOrder(releaseId, request.category);
      }
      return tx.listTemplates(releaseId);
    });
    await this.signals.publish({ type: 'template.reordered', releaseId });
    return templates;
  }
}
