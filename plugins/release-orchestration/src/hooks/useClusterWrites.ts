import { useApi } from '@backstage/core-plugin-api';
import {
  Cluster,
  CreateClusterRequest,
  CreateCustomerRequest,
  Customer,
  UpdateClusterRequest,
  UpdateCustomerRequest,
} from '@opshub/plugin-release-orchestration-common';
import { useMemo } from 'react';
import { releaseOrchestrationApiRef } from '../api';
import { useMutation } from './useMutation';

/**
 * The writes on clusters and customers: create, edit and (soft) delete.
 * Each resolves to the result, or undefined when the write failed (see
 * {@link useMutation}: a 409 shows the server's reason and calls `onStale`,
 * a 400 shows the server's message, e.g. a kubeconfig path outside the
 * configured root).
 *
 * @internal
 */
export function useClusterWrites(onStale?: () => void) {
  const api = useApi(releaseOrchestrationApiRef);
  const { run, busy } = useMutation(onStale);
  return useMemo(
    () => ({
      busy,
      createCluster: (request: CreateClusterRequest) =>
        run(() => api.createCluster(request), `Added ${request.name}`),
      updateCluster: (
        cluster: Pick<Cluster, 'name' | 'version'>,
        fields: Omit<UpdateClusterRequest, 'version'>,
      ) =>
        run(
          () =>
            api.updateCluster(cluster.name, {
              ...fields,
              version: cluster.version,
            }),
          `Saved ${cluster.name}`,
        ),
      deleteCluster: (cluster: Pick<Cluster, 'name' | 'version'>) =>
        run(async () => {
          await api.deleteCluster(cluster.name, cluster.version);
          return true as const;
        }, `Deleted ${cluster.name}`),
      createCustomer: (request: CreateCustomerRequest) =>
        run(() => api.createCustomer(request), `Added ${request.name}`),
      updateCustomer: (
        customer: Pick<Customer, 'id' | 'version' | 'name'>,
        fields: Omit<UpdateCustomerRequest, 'version'>,
      ) =>
        run(
          () =>
            api.updateCustomer(customer.id, {
              ...fields,
              version: customer.version,
            }),
          `Saved ${fields.name ?? customer.name}`,
        ),
      deleteCustomer: (customer: Pick<Customer, 'id' | 'version' | 'name'>) =>
        run(async () => {
          await api.deleteCustomer(customer.id, customer.version);
          return true as const;
        }, `Deleted ${customer.name}`),
    }),
    [api, run, busy],
  );
}
