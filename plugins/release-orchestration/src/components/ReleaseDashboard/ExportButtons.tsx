import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import {
  ReleaseExportFile,
  ReleaseExportFormat,
  releaseOrchestrationApiRef,
} from '../../api';
import { useMutation } from '../../hooks/useMutation';

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
 * "Export CSV" and "Export JSON": downloads `GET /releases/:id/export`
 * through the API client (so the user's token is sent) and saves it.
 *
 * @internal
 */
export const ExportButtons = (props: { releaseId: number }) => {
  const { releaseId } = props;
  const api = useApi(releaseOrchestrationApiRef);
  const { run, busy } = useMutation();
  const download = async (format: ReleaseExportFormat) => {
    const file = await run(() => api.exportRelease(releaseId, format));
    if (file) {
      saveFile(file);
    }
  };
  return (
    <>
      <Button
        variant="outlined"
        disabled={busy}
        onClick={() => download('csv')}
      >
        Export CSV
      </Button>
      <Button
        variant="outlined"
        disabled={busy}
        onClick={() => download('json')}
      >
        Export JSON
      </Button>
    </>
  );
};
