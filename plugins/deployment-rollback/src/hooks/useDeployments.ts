import { useApi } from '@backstage/core-plugin-api';
import {
  WebhookOutcome,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { DeploymentQuery, deploymentRollbackApiRef } from '../api';
import { useDeploymentRefresh } from './useDeploymentRefresh';

/** Deployment history, filtered and paged on the server. */
export function useDeployments(query: DeploymentQuery) {
  const api = useApi(deploymentRollbackApiRef);
  const { refresh } = useDeploymentRefresh();
  const { service, environment, status, from, to, limit, offset } = query;
  return useAsyncRetry(
    () =>
      api.listDeployments({
        service,
        environment,
        status,
        from,
        to,
        limit,
        offset,
      }),
    [api, service, environment, status, from, to, limit, offset, refresh],
  );
}

/** The version running in each environment, optionally for one service. */
export function useCurrentVersions(service?: string) {
  const api = useApi(deploymentRollbackApiRef);
  const { refresh } = useDeploymentRefresh();
  return useAsyncRetry(
    async () => (await api.getCurrentVersions({ service })).items,
    [api, service, refresh],
  );
}

/** What a rollback of one environment would restore, or why it cannot. */
export function useRollbackTarget(service: string, environment: string) {
  const api = useApi(deploymentRollbackApiRef);
  const { refresh } = useDeploymentRefresh();
  return useAsyncRetry(
    () => api.getRollbackTarget(service, environment),
    [api, service, environment, refresh],
  );
}

/** One deployment with its audit trail; nothing while `id` is undefined. */
export function useDeploymentDetail(id: number | undefined) {
  const api = useApi(deploymentRollbackApiRef);
  const { refresh } = useDeploymentRefresh();
  return useAsyncRetry(
    async () => (id === undefined ? undefined : api.getDeployment(id)),
    [api, id, refresh],
  );
}

/** Received webhook deliveries, one page at a time. */
export function useDeliveries(query: {
  provider?: WebhookProvider;
  outcome?: WebhookOutcome;
  limit: number;
  offset: number;
}) {
  const api = useApi(deploymentRollbackApiRef);
  const { refresh } = useDeploymentRefresh();
  const { provider, outcome, limit, offset } = query;
  return useAsyncRetry(
    () => api.listDeliveries({ provider, outcome, limit, offset }),
    [api, provider, outcome, limit, offset, refresh],
  );
}

/** Preview environments per pull request, one page at a time. */
export function usePreviews(query: {
  service?: string;
  limit: number;
  offset: number;
}) {
  const api = useApi(deploymentRollbackApiRef);
  const { refresh } = useDeploymentRefresh();
  const { service, limit, offset } = query;
  return useAsyncRetry(
    () => api.listPreviews({ service, limit, offset }),
    [api, service, limit, offset, refresh],
  );
}
