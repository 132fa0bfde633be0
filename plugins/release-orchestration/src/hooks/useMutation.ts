import { alertApiRef, errorApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useCallback, useState } from 'react';

/**
 * Runs writes. A 409 (someone else changed the row first) shows the server's
 * message and calls `onStale` so the view refetches; other errors go to the
 * error API. Resolves to the result, or undefined when the write failed.
 *
 * @internal
 */
export function useMutation(onStale?: () => void) {
  const alertApi = useApi(alertApiRef);
  const errorApi = useApi(errorApiRef);
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async <T>(
      write: () => Promise<T>,
      success?: string,
    ): Promise<T | undefined> => {
      setBusy(true);
      try {
        const result = await write();
        if (success) {
          alertApi.post({
            message: success,
            severity: 'success',
            display: 'transient',
          });
        }
        return result;
      } catch (error) {
        if (error instanceof ResponseError && error.statusCode === 409) {
          alertApi.post({
            message: error.body?.error?.message ?? error.message,
            severity: 'warning',
          });
          onStale?.();
        } else {
          errorApi.post(error as Error);
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [alertApi, errorApi, onStale],
  );
  return { run, busy };
}
