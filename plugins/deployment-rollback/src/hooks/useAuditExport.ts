import { useApi } from '@backstage/core-plugin-api';
import { saveFile, useMutation } from '@opshub/opshub-react';
import { useCallback } from 'react';
import { deploymentRollbackApiRef } from '../api';

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
      saveFile({
        blob: new Blob([text], { type: 'text/csv' }),
        filename: `deployment-audit${
          service ? `-${service.replace(/[^\w.-]/g, '_')}` : ''
        }.csv`,
      });
    }
  }, [api, run, service]);
  return { exportCsv, busy };
}
