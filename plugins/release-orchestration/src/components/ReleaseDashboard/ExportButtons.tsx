import Button from '@material-ui/core/Button';
import { useReleaseExport } from '../../hooks/useReleaseExport';

/**
 * "Export CSV" and "Export JSON": downloads `GET /releases/:id/export`
 * through the API client (so the user's token is sent) and saves it.
 *
 * @internal
 */
export const ExportButtons = (props: { releaseId: number }) => {
  const { releaseId } = props;
  const { download, busy } = useReleaseExport(releaseId);
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
