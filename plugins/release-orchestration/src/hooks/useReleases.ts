import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ListReleasesOptions, releaseOrchestrationApiRef } from '../api';

/**
 * A page of releases.
 *
 * @internal
 */
export function useReleases(options: ListReleasesOptions = {}) {
  const api = useApi(releaseOrchestrationApiRef);
  const { status, type, search, limit, offset } = options;
  return useAsyncRetry(
    () => api.listReleases({ status, type, search, limit, offset }),
    [api, status, type, search, limit, offset],
  );
}

/**
 * One release with its templates and progress. `refresh` is a counter: a new
 * value refetches (signals bump it).
 *
 * @internal
 */
export function useRelease(id: number, refresh = 0) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(() => api.getRelease(id), [api, id, refresh]);
}

/**
 * Progress of a release per cluster and customer.
 *
 * @internal
 */
export function useReleaseProgress(id: number, refresh = 0) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(() => api.getReleaseProgress(id), [api, id, refresh]);
}

/**
 * One page of the matrix of one cluster.
 *
 * @internal
 */
export function useReleaseMatrix(options: {
  releaseId: number;
  cluster: string;
  limit: number;
  offset: number;
  refresh?: number;
}) {
  const api = useApi(releaseOrchestrationApiRef);
  const { releaseId, cluster, limit, offset, refresh } = options;
  return useAsyncRetry(
    () => api.getReleaseMatrix(releaseId, { cluster, limit, offset }),
    [api, releaseId, cluster, limit, offset, refresh],
  );
}

/**
 * One page of the history of a release, newest first.
 *
 * @internal
 */
export function useReleaseEvents(options: {
  releaseId: number;
  limit: number;
  offset: number;
  refresh?: number;
}) {
  const api = useApi(releaseOrchestrationApiRef);
  const { releaseId, limit, offset, refresh } = options;
  return useAsyncRetry(
    () => api.listReleaseEvents(releaseId, { limit, offset }),
    [api, releaseId, limit, offset, refresh],
  );
}
