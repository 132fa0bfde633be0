import { useApi } from '@backstage/core-plugin-api';
import {
  AddCustomStepRequest,
  BulkStepRequest,
  CustomerStep,
} from '@opshub/plugin-release-orchestration-common';
import { useMemo } from 'react';
import { releaseOrchestrationApiRef } from '../api';
import { useMutation } from './useMutation';

/** What a step write needs: its id and the version last read. */
type StepRef = { id: number; version: number; name?: string };

const label = (step: StepRef) => step.name ?? `Step ${step.id}`;

/**
 * The writes on customer steps: record execution (done, skip, revert,
 * reopen, one step or in bulk), change content (override, reset, add or
 * delete a custom step). Each resolves to the result, or undefined when the
 * write failed (see {@link useMutation}).
 *
 * @internal
 */
export function useStepWrites(onStale?: () => void) {
  const api = useApi(releaseOrchestrationApiRef);
  const { run, busy } = useMutation(onStale);
  return useMemo(
    () => ({
      busy,
      markDone: (step: StepRef, notes?: string | null, success = true) =>
        run(
          () =>
            api.markStepDone(step.id, {
              version: step.version,
              ...(notes !== undefined ? { notes } : {}),
            }),
          success ? `${label(step)}: done` : undefined,
        ),
      skip: (step: StepRef, reason: string) =>
        run(
          () => api.skipStep(step.id, { version: step.version, reason }),
          `${label(step)}: skipped`,
        ),
      revert: (step: StepRef, reason?: string | null, success = true) =>
        run(
          () =>
            api.revertStep(step.id, {
              version: step.version,
              ...(reason !== undefined ? { reason } : {}),
            }),
          success ? `${label(step)}: reverted` : undefined,
        ),
      reopen: (step: StepRef, success = true) =>
        run(
          () => api.reopenStep(step.id, step.version),
          success ? `${label(step)}: reopened` : undefined,
        ),
      override: (step: StepRef, content: string) =>
        run(
          () => api.overrideStep(step.id, { version: step.version, content }),
          `${label(step)}: content saved`,
        ),
      reset: (step: StepRef) =>
        run(
          () => api.resetStep(step.id, step.version),
          `${label(step)}: reset to the template`,
        ),
      deleteStep: (step: StepRef) =>
        run(async () => {
          await api.deleteStep(step.id, step.version);
          return true as const;
        }, `${label(step)}: deleted`),
      addCustomStep: (
        releaseId: number,
        customerId: number,
        request: AddCustomStepRequest,
      ): Promise<CustomerStep | undefined> =>
        run(
          () => api.addCustomStep(releaseId, customerId, request),
          `Added ${request.name}`,
        ),
      bulk: (releaseId: number, request: BulkStepRequest) =>
        run(
          () => api.bulkSteps(releaseId, request),
          `${request.steps.length} steps updated`,
        ),
    }),
    [api, run, busy],
  );
}
