import { alertApiRef, errorApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useCallback, useState } from 'react';

/** The server's message of a failed response, else the error's own. */
const messageOf = (error: ResponseError) =>
  error.body?.error?.message ?? error.message;

/**
 * Runs writes. A 409 (someone else changed the row first, or the row is in a
 * state that refuses the write) shows the server's message and calls
 * `onStale` so the view refetches; a 403 says the write is not allowed and
 * names the permission the server reported; another 4xx shows the server's
 * message (a 400 names the field); other errors go to the error API. Resolves to the result, or undefined when the write failed.
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
          alertApi.post({ message: messageOf(error), severity: 'warning' });
          onStale?.();
        } else if (error instanceof ResponseError && error.statusCode === 403) {
          alertApi.post({
            message: `You are not allowed to do this. ${messageOf(error)}`,
            severity: 'error',
          });
        } else if (error instanceof ResponseError && error.statusCode < 500) {
          // 400 names the field; 404 names what is gone
          alertApi.post({ message: messageOf(error), severity: 'error' });
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
