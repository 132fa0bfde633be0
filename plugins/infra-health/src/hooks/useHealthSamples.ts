import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraHealthApiRef } from '../api';

/**
 * One page of a check's samples, newest first.
 *
 * @internal
 */
export function useHealthSamples(
  checkId: number,
  options: { limit: number; offset: number },
) {
  const api = useApi(infraHealthApiRef);
  const { limit, offset } = options;
  return useAsyncRetry(
    () => api.listSamples(checkId, { limit, offset }),
    [api, checkId, limit, offset],
  );
}
