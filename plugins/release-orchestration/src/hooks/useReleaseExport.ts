import { useApi } from '@backstage/core-plugin-api';
import { saveFile } from '@opshub/opshub-react';
import { useCallback } from 'react';
import { ReleaseExportFormat, releaseOrchestrationApiRef } from '../api';
import { useMutation } from './useMutation';

/**
 * Downloads `GET /releases/:id/export` through the API client (so the
 * user's token is sent) and saves it; failures are shown as for writes.
 *
 * @internal
 */
export function useReleaseExport(releaseId: number) {
  const api = useApi(releaseOrchestrationApiRef);
  const { run, busy } = useMutation();
  const download = useCallback(
    async (format: ReleaseExportFormat) => {
      const file = await run(() => api.exportRelease(releaseId, format));
      if (file) {
        saveFile(file);
      }
    },
    [api, run, releaseId],
  );
  return { download, busy };
}
