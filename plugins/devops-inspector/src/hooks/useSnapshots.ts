import { useApi } from '@backstage/core-plugin-api';
import { saveFile, useMutation } from '@opshub/opshub-react';
import { SchemaSnapshotSummary } from '@opshub/plugin-devops-inspector-common';
import { useCallback } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { devopsInspectorApiRef } from '../api';

/**
 * How many snapshots per environment the selectors offer.
 *
 * @internal
 */
export const SNAPSHOTS_PER_ENVIRONMENT = 20;

/**
 * The newest stored snapshots of each environment (`GET /snapshots`), for
 * the compare selectors. An environment whose list cannot be read (no
 * permission, snapshots not available) simply has none; its error is kept.
 *
 * @internal
 */
export function useSnapshots(environments: string[]) {
  const api = useApi(devopsInspectorApiRef);
  const key = environments.join('\n');
  return useAsyncRetry(async () => {
    const names = key ? key.split('\n') : [];
    const pages = await Promise.allSettled(
      names.map(name =>
        api.listSnapshots(name, { limit: SNAPSHOTS_PER_ENVIRONMENT }),
      ),
    );
    const byEnvironment: Record<string, SchemaSnapshotSummary[]> = {};
    const errors: Record<string, Error> = {};
    pages.forEach((page, i) => {
      if (page.status === 'fulfilled') {
        byEnvironment[names[i]] = page.value.items;
      } else {
        byEnvironment[names[i]] = [];
        errors[names[i]] = page.reason as Error;
      }
    });
    return { byEnvironment, errors };
  }, [api, key]);
}

/**
 * Takes a snapshot of an environment's schema (`POST /snapshots`); failures
 * are reported through the alert API (a 403 names the permission).
 *
 * @internal
 */
export function useTakeSnapshot(onTaken: () => void) {
  const api = useApi(devopsInspectorApiRef);
  const { run, busy } = useMutation();
  const take = useCallback(
    async (environment: string, label?: string) => {
      const snapshot = await run(
        () => api.createSnapshot(environment, label),
        `Snapshot of ${environment} taken`,
      );
      if (snapshot) {
        onTaken();
      }
      return snapshot;
    },
    [api, run, onTaken],
  );
  return { take, busy };
}

/**
 * Downloads a stored snapshot as a snapshot file (`GET /snapshots/:id/file`)
 * and saves it; failures are reported through the alert API.
 *
 * @internal
 */
export function useDownloadSnapshot() {
  const api = useApi(devopsInspectorApiRef);
  const { run, busy } = useMutation();
  const downloadSnapshot = useCallback(
    async (id: string) => {
      const file = await run(() => api.downloadSnapshot(id));
      if (file) {
        saveFile(file);
      }
    },
    [api, run],
  );
  return { downloadSnapshot, busy };
}
