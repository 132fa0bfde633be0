import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  canTransitionStep,
  CustomerStep,
  StepStatus,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore, StepPatch } from '../database/ReleaseStore';

/** A status change and what it records. @internal */
export interface StatusChange {
  to: StepStatus;
  /** `done` notes, `skip` reason (required), `revert` reason. */
  note?: string | null;
}

/** The columns a status change writes. @internal */
export function patchFor(change: StatusChange, actor: string): StepPatch {
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

/** 409 unless the state machine allows it. @internal */
export function checkTransition(step: CustomerStep, to: StepStatus): void {
  if (!canTransitionStep(step.status, to)) {
    throw new ConflictError(
      `Step ${step.id} is ${step.status}; it cannot become ${to}`,
    );
  }
}

/** 409 for a done step, which is a record. @internal */
export function expectNotDone(step: CustomerStep): void {
  if (step.status === 'done') {
    throw new ConflictError(
      `Step ${step.id} is done; a done step is never changed (revert it first)`,
    );
  }
}

/** @throws NotFoundError @internal */
export async function requireStep(
  store: ReleaseStore,
  id: number,
): Promise<CustomerStep> {
  const step = await store.getStep(id);
  if (!step) {
    throw new NotFoundError(`No step with id ${id}`);
  }
  return step;
}
