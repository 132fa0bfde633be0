import { useApi } from '@backstage/core-plugin-api';
import {
  CreateReleaseRequest,
  CreateTemplateRequest,
  Release,
  UpdateReleaseRequest,
} from '@opshub/plugin-release-orchestration-common';
import { useMemo } from 'react';
import { releaseOrchestrationApiRef } from '../api';
import { useMutation } from './useMutation';

type Versioned = Pick<Release, 'id' | 'name' | 'version'>;

/**
 * The writes on releases: create (with its first templates), edit, delete a
 * draft, activate, add customers and archive. Each resolves to the result,
 * or undefined when the write failed (see {@link useMutation}: a 409 shows
 * the server's reason and calls `onStale`, a 403 says it is not allowed).
 *
 * @internal
 */
export function useReleaseWrites(onStale?: () => void) {
  const api = useApi(releaseOrchestrationApiRef);
  const { run, busy } = useMutation(onStale);
  return useMemo(
    () => ({
      busy,
      createRelease: (
        request: CreateReleaseRequest,
        templates: CreateTemplateRequest[] = [],
      ) =>
        run(async () => {
          const release = await api.createRelease(request);
          for (const template of templates) {
            await api.createTemplate(release.id, template);
          }
          return release;
        }, `Created ${request.name}`),
      updateRelease: (
        release: Versioned,
        fields: Omit<UpdateReleaseRequest, 'version'>,
      ) =>
        run(
          () =>
            api.updateRelease(release.id, {
              ...fields,
              version: release.version,
            }),
          `Saved ${fields.name ?? release.name}`,
        ),
      deleteRelease: (release: Versioned) =>
        run(async () => {
          await api.deleteRelease(release.id, release.version);
          return true as const;
        }, `Deleted ${release.name}`),
      activateRelease: (release: Versioned, customerIds?: number[]) =>
        run(async () => {
          await api.activateRelease(release.id, {
            version: release.version,
            ...(customerIds ? { customerIds } : {}),
          });
          return true as const;
        }, `${release.name} is active`),
      addReleaseCustomers: (release: Versioned, customerIds: number[]) =>
        run(async () => {
          await api.addReleaseCustomers(release.id, customerIds);
          return true as const;
        }, `Added ${customerIds.length} customers`),
      archiveRelease: (release: Versioned) =>
        run(
          () => api.archiveRelease(release.id, release.version),
          `${release.name} archived`,
        ),
    }),
    [api, run, busy],
  );
}
