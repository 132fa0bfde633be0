import { useApi } from '@backstage/core-plugin-api';
import { useCallback } from 'react';
import {
  ReleaseExportFile,
  ReleaseExportFormat,
  releaseOrchestrationApiRef,
} from '../api';
import { useMutation } from './useMutation';

/** Saves a downloaded file through a temporary Blob URL. @internal */
export function saveFile(file: ReleaseExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // let the browser start the download before the URL goes away
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

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
