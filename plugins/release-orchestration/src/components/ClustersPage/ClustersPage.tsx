import {
  Content,
  ContentHeader,
  EmptyState,
  SupportButton,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import {
  Cluster,
  clusterCreatePermission,
  clusterUpdatePermission,
  Customer,
} from '@opshub/plugin-release-orchestration-common';
import { useCallback, useState } from 'react';
import { useClusterWrites } from '../../hooks/useClusterWrites';
import { useClusters } from '../../hooks/useClusters';
import { useAllowed } from '../../hooks/useReleasePermissions';
import { ClusterCustomersTable } from '../ClusterCustomersTable';
import { ClusterDialog, ClusterFormValues } from '../ClusterDialog';
import { ClustersTable } from '../ClustersTable';
import { ConfirmDialog } from '../ConfirmDialog';
import { CustomerDialog, CustomerFormValues } from '../CustomerDialog';
import { usePaths } from '../paths';

type Editing =
  | { kind: 'cluster'; cluster?: Cluster }
  | { kind: 'customer'; customer?: Customer }
  | { kind: 'deleteCluster'; cluster: Cluster }
  | { kind: 'deleteCustomer'; customer: Customer };

/**
 * The clusters, and the customers of the selected one, with create, edit and
 * soft delete, offered to those the permission policy allows
 * (`cluster.create`; `cluster.update` on the cluster, which also covers its
 * customers). Writes send the row version; a 409 (stale row, or a cluster
 * that still has active customers) shows the server's reason and refetches.
 *
 * @internal
 */
export const ClustersPage = () => {
  const [selected, setSelected] = useState<string>();
  const [refresh, setRefresh] = useState(0);
  const bump = useCallback(() => setRefresh(r => r + 1), []);
  const [editing, setEditing] = useState<Editing>();
  // a 409: the server's reason is shown, the dialog closes and lists refetch
  const onStale = useCallback(() => {
    setEditing(undefined);
    bump();
  }, [bump]);
  const writes = useClusterWrites(onStale);
  const { busy } = writes;
  const paths = usePaths();
  const canCreateClusters = useAllowed(clusterCreatePermission);
  // customers are written as part of their cluster
  const canUpdateSelected = useAllowed(clusterUpdatePermission, selected);
  const clusters = useClusters(refresh);
  const selectedCluster = clusters.value?.find(c => c.name === selected);

  /** Closes the dialog and refetches once the write succeeded. */
  const done = (result: unknown) => {
    if (result === undefined) {
      return false;
    }
    setEditing(undefined);
    bump();
    return true;
  };

  const saveCluster = async (
    cluster: Cluster | undefined,
    values: ClusterFormValues,
  ) => {
    const { name, ...fields } = values;
    done(
      cluster
        ? await writes.updateCluster(cluster, fields)
        : await writes.createCluster(values),
    );
  };

  const saveCustomer = async (
    customer: Customer | undefined,
    values: CustomerFormValues,
  ) => {
    if (customer) {
      done(await writes.updateCustomer(customer, values));
    } else if (selectedCluster) {
      done(
        await writes.createCustomer({
          ...values,
          clusterId: selectedCluster.id,
        }),
      );
    }
  };

  return (
    <Content>
      <ContentHeader title="Clusters">
        <Box display="flex" style={{ gap: 8 }}>
          {canCreateClusters && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setEditing({ kind: 'cluster' })}
            >
              Add cluster
            </Button>
          )}
          {canUpdateSelected && selectedCluster && (
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setEditing({ kind: 'customer' })}
            >
              Add customer to {selectedCluster.name}
            </Button>
          )}
          <SupportButton>
            Select a cluster to see its customers. Inactive customers are kept
            but left out of new releases. A cluster can be deleted once it has
            no active customers.
          </SupportButton>
        </Box>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <ClustersTable
            selected={selected}
            onSelect={setSelected}
            refresh={refresh}
            onEdit={cluster => setEditing({ kind: 'cluster', cluster })}
            onDelete={cluster => setEditing({ kind: 'deleteCluster', cluster })}
          />
        </Grid>
        <Grid item xs={12}>
          {selected ? (
            <ClusterCustomersTable
              key={selected}
              clusterName={selected}
              customerLink={paths.customer}
              refresh={refresh}
              onEdit={
                canUpdateSelected
                  ? customer => setEditing({ kind: 'customer', customer })
                  : undefined
              }
              onDelete={
                canUpdateSelected
                  ? customer => setEditing({ kind: 'deleteCustomer', customer })
                  : undefined
              }
            />
          ) : (
            <EmptyState
              missing="info"
              title="No cluster selected"
              description="Click a cluster above to see its customers."
            />
          )}
        </Grid>
      </Grid>
      {editing?.kind === 'cluster' && (
        <ClusterDialog
          cluster={editing.cluster}
          onClose={() => setEditing(undefined)}
          onSave={values => saveCluster(editing.cluster, values)}
        />
      )}
      {editing?.kind === 'customer' && (
        <CustomerDialog
          clusterName={selected ?? ''}
          customer={editing.customer}
          onClose={() => setEditing(undefined)}
          onSave={values => saveCustomer(editing.customer, values)}
        />
      )}
      {editing?.kind === 'deleteCluster' && (
        <ConfirmDialog
          title={`Delete cluster ${editing.cluster.name}?`}
          message="The cluster is hidden from lists and new releases; its history is kept."
          confirmLabel="Delete"
          busy={busy}
          onClose={() => setEditing(undefined)}
          onConfirm={async () => {
            const { cluster } = editing;
            if (done(await writes.deleteCluster(cluster))) {
              setSelected(s => (s === cluster.name ? undefined : s));
            }
          }}
        />
      )}
      {editing?.kind === 'deleteCustomer' && (
        <ConfirmDialog
          title={`Delete customer ${editing.customer.name}?`}
          message="The customer is hidden from lists and new releases; its history is kept."
          confirmLabel="Delete"
          busy={busy}
          onClose={() => setEditing(undefined)}
          onConfirm={async () => {
            done(await writes.deleteCustomer(editing.customer));
          }}
        />
      )}
    </Content>
  );
};
