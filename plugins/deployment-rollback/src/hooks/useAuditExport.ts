import { useApi } from '@backstage/core-plugin-api';
import { useMutation } from '@opshub/opshub-react';
import { useCallback } from 'react';
import { deploymentRollbackApiRef } from '../api';

/** Saves text as a file through a temporary object URL. */
function saveFile(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

/**
 * Downloads the audit trail (`GET /audit?format=csv`), for one service or
 * all; a failure is reported like every OpsHub request failure.
 */
export function useAuditExport(service?: string) {
  const api = useApi(deploymentRollbackApiRef);
  const { run, busy } = useMutation();
  const exportCsv = useCallback(async () => {
    const text = await run(() => api.exportAuditCsv({ service }));
    if (text !== undefined) {
      saveFile(
        `deployment-audit${
          service ? `-${service.replace(/[^\w.-]/g, '_')}` : ''
        }.csv`,
        text,
      );
    }
  }, [api, run, service]);
  return { exportCsv, busy };
}
