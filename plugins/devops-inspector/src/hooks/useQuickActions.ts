import { useApi } from '@backstage/core-plugin-api';
import { saveFile, useMutation } from '@opshub/opshub-react';
import {
  ActivityExportFormat,
  ClearCacheResult,
} from '@opshub/plugin-devops-inspector-common';
import { useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { devopsInspectorApiRef } from '../api';

/**
 * Which quick actions the user may run, as the backend's permission policy
 * decides (`GET /actions`); while unknown or on failure, none.
 *
 * @internal
 */
export function useQuickActionPermissions() {
  const api = useApi(devopsInspectorApiRef);
  const state = useAsync(() => api.getQuickActionPermissions(), [api]);
  return {
    loading: state.loading,
    clearCache: state.value?.clearCache ?? false,
    exportActivity: state.value?.exportActivity ?? false,
  };
}

/**
 * "Clear cache": runs it and keeps what was cleared; `onCleared` lets the
 * drawer measure again.
 *
 * @internal
 */
export function useClearCache(onCleared?: () => void) {
  const api = useApi(devopsInspectorApiRef);
  const { run, busy } = useMutation();
  const [result, setResult] = useState<ClearCacheResult>();
  const clear = useCallback(async () => {
    setResult(undefined);
    const cleared = await run(() => api.clearCache(), 'Caches cleared');
    if (cleared) {
      setResult(cleared);
      onCleared?.();
    }
  }, [api, run, onCleared]);
  return { clear, busy, result };
}

/**
 * "Export logs": downloads the activity log of `[from, to)` and saves it.
 * Resolves how the export went, for the view to say so.
 *
 * @internal
 */
export function useActivityExport() {
  const api = useApi(devopsInspectorApiRef);
  const { run, busy } = useMutation();
  const [truncated, setTruncated] = useState<boolean | null>(null);
  const download = useCallback(
    async (format: ActivityExportFormat, from: Date, to: Date) => {
      setTruncated(null);
      const file = await run(() => api.exportActivity({ format, from, to }));
      if (file) {
        saveFile(file);
        setTruncated(file.truncated);
      }
    },
    [api, run],
  );
  return { download, busy, truncated };
}
