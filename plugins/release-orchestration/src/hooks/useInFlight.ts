import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CustomerStep,
  Progress,
  Release,
} from '@opshub/plugin-release-orchestration-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseOrchestrationApiRef } from '../api';

const isNotFound = (error: unknown) =>
  error instanceof ResponseError && error.statusCode === 404;

/**
 * One customer and its steps in every active release it takes part in.
 *
 * @internal
 */
export function useCustomerReleases(customerId: number, refresh = 0) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(async () => {
    const [customer, active] = await Promise.all([
      api.getCustomer(customerId),
      api.listReleases({ status: 'active', limit: 100 }),
    ]);
    const releases = await Promise.all(
      active.items.map(async release => {
        try {
          const { items } = await api.listCustomerSteps(release.id, customerId);
          return { release, steps: items };
        } catch (error) {
          if (isNotFound(error)) {
            return undefined;
          }
          throw error;
        }
      }),
    );
    return {
      customer,
      releases: releases.filter(
        (r): r is { release: Release; steps: CustomerStep[] } => Boolean(r),
      ),
    };
  }, [api, customerId, refresh]);
}

/** A customer of a cluster in one active release. @internal */
export interface InFlightRow {
  id: string;
  customerId: number;
  customerName: string;
  namespace: string;
  release: Release;
  progress: Progress;
  /** Names of the steps still pending or reverted, in order. */
  open: string[];
}

/**
 * The customers of one cluster with their unfinished steps in every active
 * release.
 *
 * @internal
 */
export function useClusterInFlight(clusterName: string) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(async () => {
    const active = await api.listReleases({ status: 'active', limit: 100 });
    const rows: InFlightRow[] = [];
    for (const release of active.items) {
      const matrix = await api
        .getReleaseMatrix(release.id, { cluster: clusterName, limit: 500 })
        .catch(error => {
          if (isNotFound(error)) {
            return undefined;
          }
          throw error;
        });
      for (const customer of matrix?.customers ?? []) {
        const cells = matrix?.cells[String(customer.id)] ?? {};
        const open = (matrix?.steps ?? [])
          .filter(step => {
            const status = cells[step.key]?.status;
            return status === 'pending' || status === 'reverted';
          })
          .map(step => step.name);
        rows.push({
          id: `${release.id}-${customer.id}`,
          customerId: customer.id,
          customerName: customer.name,
          namespace: customer.namespace,
          release,
          progress: customer.progress,
          open,
        });
      }
    }
    return rows;
  }, [api, clusterName]);
}

/**
 * The releases that ship one catalog entity, newest first.
 *
 * @internal
 */
export function useEntityReleases(entityRef: string | undefined) {
  const api = useApi(releaseOrchestrationApiRef);
  return useAsyncRetry(async () => {
    if (!entityRef) {
      return [];
    }
    const page = await api.listReleases({ entityRef, limit: 100 });
    return Promise.all(page.items.map(r => api.getRelease(r.id)));
  }, [api, entityRef]);
}
