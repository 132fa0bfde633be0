import { useApi } from '@backstage/core-plugin-api';
import { useMutation } from '@opshub/opshub-react';
import {
  DataCheckResult,
  TableCount,
} from '@opshub/plugin-devops-inspector-common';
import { useCallback, useState } from 'react';
import { devopsInspectorApiRef } from '../api';

/**
 * An action the user starts with a button: each is a `POST` the backend
 * records in the activity log, run through the shared `useMutation` with the
 * failure kept for the view to show beside the button.
 */
interface ActionState<T> {
  result?: T;
  busy: boolean;
  error?: Error;
}

/**
 * Exact row counts of the tables two environments share (`POST /data-check`).
 *
 * @internal
 */
export function useRowCountCheck(): ActionState<DataCheckResult> & {
  check(source: string, target: string): Promise<void>;
} {
  const api = useApi(devopsInspectorApiRef);
  const { run, busy, error } = useMutation(undefined, { errors: 'inline' });
  const [result, setResult] = useState<DataCheckResult>();
  const check = useCallback(
    async (source: string, target: string) => {
      setResult(undefined);
      setResult(await run(() => api.checkRowCounts(source, target)));
    },
    [api, run],
  );
  return { check, result, busy, error };
}

/**
 * The exact row count of one table, stopped by the environment's statement
 * timeout.
 *
 * @internal
 */
export function useTableRowCount(
  environment: string,
  schema: string,
  table: string,
): ActionState<TableCount> & { count(): Promise<void> } {
  const api = useApi(devopsInspectorApiRef);
  const { run, busy, error } = useMutation(undefined, { errors: 'inline' });
  const [result, setResult] = useState<TableCount>();
  const count = useCallback(async () => {
    setResult(undefined);
    setResult(await run(() => api.countTableRows(environment, schema, table)));
  }, [api, run, environment, schema, table]);
  return { count, result, busy, error };
}
