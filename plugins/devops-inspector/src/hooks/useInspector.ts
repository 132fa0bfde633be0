import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  SortOrder,
  TableSortKey,
} from '@opshub/plugin-devops-inspector-common';
import { devopsInspectorApiRef } from '../api';

/**
 * Every environment the user may read, with live database status.
 *
 * @internal
 */
export function useEnvironments() {
  const api = useApi(devopsInspectorApiRef);
  return useAsyncRetry(async () => (await api.listEnvironments()).items, [api]);
}

/**
 * One environment with live database status; `undefined` if unknown.
 *
 * @internal
 */
export function useEnvironment(name: string) {
  const api = useApi(devopsInspectorApiRef);
  return useAsyncRetry(
    async () =>
      (await api.listEnvironments({ name })).items.find(e => e.name === name),
    [api, name],
  );
}

/**
 * One page of an environment's tables.
 *
 * @internal
 */
export function useTables(
  environment: string,
  options: {
    filter?: string;
    limit: number;
    offset: number;
    sort?: TableSortKey;
    order?: SortOrder;
  },
) {
  const api = useApi(devopsInspectorApiRef);
  const { filter, limit, offset, sort, order } = options;
  return useAsyncRetry(
    () =>
      api.listTables(environment, {
        filter,
        limit,
        offset,
        ...(sort ? { sort, order } : {}),
      }),
    [api, environment, filter, limit, offset, sort, order],
  );
}

/**
 * One page of the activity log.
 *
 * @internal
 */
export function useActivity(options: { limit: number; offset: number }) {
  const api = useApi(devopsInspectorApiRef);
  const { limit, offset } = options;
  return useAsyncRetry(
    () => api.listActivity({ limit, offset }),
    [api, limit, offset],
  );
}
