import { useApi } from '@backstage/core-plugin-api';
import {
  CreateTemplateRequest,
  ReorderTemplatesRequest,
  StepTemplate,
  UpdateTemplateRequest,
} from '@opshub/plugin-release-orchestration-common';
import { useMemo } from 'react';
import { releaseOrchestrationApiRef } from '../api';
import { useMutation } from './useMutation';

/**
 * The writes on the step templates of a release: create, edit, delete and
 * reorder. Each resolves to the result, or undefined when the write failed
 * (see {@link useMutation}).
 *
 * @internal
 */
export function useTemplateWrites(onStale?: () => void) {
  const api = useApi(releaseOrchestrationApiRef);
  const { run, busy } = useMutation(onStale);
  return useMemo(
    () => ({
      busy,
      createTemplate: (releaseId: number, request: CreateTemplateRequest) =>
        run(
          () => api.createTemplate(releaseId, request),
          `${request.name} saved`,
        ),
      updateTemplate: (
        template: Pick<StepTemplate, 'id' | 'version' | 'name'>,
        fields: Omit<UpdateTemplateRequest, 'version'>,
      ) =>
        run(
          () =>
            api.updateTemplate(template.id, {
              ...fields,
              version: template.version,
            }),
          `${fields.name ?? template.name} saved`,
        ),
      deleteTemplate: (
        template: Pick<StepTemplate, 'id' | 'version' | 'name'>,
      ) =>
        run(async () => {
          await api.deleteTemplate(template.id, template.version);
          return true as const;
        }, `${template.name} deleted`),
      reorderTemplates: (releaseId: number, request: ReorderTemplatesRequest) =>
        run(async () => {
          await api.reorderTemplates(releaseId, request);
          return true as const;
        }),
    }),
    [api, run, busy],
  );
}
