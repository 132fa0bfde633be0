import { alertApiRef, errorApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useCallback, useState } from 'react';

/** The server's message of a failed response, else the error's own. */
const messageOf = (error: ResponseError) =>
  error.body?.error?.message ?? error.message;

/** @public */
export interface UseMutationOptions {
  /**
   * `alert` (the default): failures are reported through the alert and
   * error APIs. `inline`: they are only kept in `error`, for a view that
   * shows them next to the action.
   */
  errors?: 'alert' | 'inline';
}

/** @public */
export interface MutationState {
  /**
   * Runs one write; resolves to its result, or undefined when it failed.
   * `success`, when given, is posted as a transient alert.
   */
  run<T>(write: () => Promise<T>, success?: string): Promise<T | undefined>;
  /** True while a write runs. */
  busy: boolean;
  /** The failure of the last write; cleared when the next one starts. */
  error?: Error;
}

/**
 * Runs writes, the one way every OpsHub frontend does. A 409 (someone else
 * changed the row first, or the row is in a state that refuses the write)
 * shows the server's message and calls `onStale` so the view refetches; a
 * 403 says the write is not allowed and names the permission the server
 * reported; another 4xx shows the server's message (a 400 names the field);
 * other errors go to the error API. With `errors: 'inline'` nothing is
 * posted and the failure is only returned in `error` (`onStale` is still
 * called on a 409).
 *
 * @public
 */
export function useMutation(
  onStale?: () => void,
  options: UseMutationOptions = {},
): MutationState {
  const alertApi = useApi(alertApiRef);
  const errorApi = useApi(errorApiRef);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const inline = options.errors === 'inline';
  const run = useCallback(
    async <T>(
      write: () => Promise<T>,
      success?: string,
    ): Promise<T | undefined> => {
      setBusy(true);
      setError(undefined);
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
      } catch (caught) {
        const failure = caught as Error;
        setError(failure);
        const status =
          failure instanceof ResponseError ? failure.statusCode : undefined;
        if (status === 409) {
          onStale?.();
        }
        if (inline) {
          return undefined;
        }
        if (failure instanceof ResponseError && status === 409) {
          alertApi.post({ message: messageOf(failure), severity: 'warning' });
        } else if (failure instanceof ResponseError && status === 403) {
          alertApi.post({
            message: `You are not allowed to do this. ${messageOf(failure)}`,
            severity: 'error',
          });
        } else if (
          failure instanceof ResponseError &&
          failure.statusCode < 500
        ) {
          // 400 names the field; 404 names what is gone
          alertApi.post({ message: messageOf(failure), severity: 'error' });
        } else {
          errorApi.post(failure);
        }
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [alertApi, errorApi, onStale, inline],
  );
  return { run, busy, error };
}
