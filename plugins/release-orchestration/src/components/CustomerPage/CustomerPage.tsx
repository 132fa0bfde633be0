import {
  Content,
  ContentHeader,
  EmptyState,
  Link,
  StructuredMetadataTable,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import {
  clusterUpdatePermission,
  CustomerStep,
} from '@opshub/plugin-release-orchestration-common';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useClusterWrites } from '../../hooks/useClusterWrites';
import { useCustomerReleases } from '../../hooks/useInFlight';
import { useAllowed } from '../../hooks/useReleasePermissions';
import { ConfirmDialog } from '../ConfirmDialog';
import { CustomerDialog } from '../CustomerDialog';
import { usePaths } from '../paths';
import { stepSource } from '../StepDetailPanel';

const columns: TableColumn<CustomerStep>[] = [
  { title: 'Category', field: 'category' },
  { title: 'Step', field: 'name' },
  { title: 'Source', render: s => stepSource(s) },
  {
    title: 'Status',
    field: 'status',
    render: s => <StatusChip status={s.status} />,
  },
  { title: 'Executed by', render: s => s.executedBy ?? '—' },
];

/**
 * One customer: its details and its steps in every active release.
 *
 * @internal
 */
export const CustomerPage = () => {
  const params = useParams();
  const customerId = Number(params.id);
  const paths = usePaths();
  const navigate = useNavigate();
  const [refresh, setRefresh] = useState(0);
  const bump = useCallback(() => setRefresh(r => r + 1), []);
  const [dialog, setDialog] = useState<'edit' | 'delete'>();
  const onStale = useCallback(() => {
    setDialog(undefined);
    bump();
  }, [bump]);
  const writes = useClusterWrites(onStale);
  const { busy } = writes;
  const state = useCustomerReleases(customerId, refresh);
  // a customer is written as part of its cluster
  const canUpdateClusters = useAllowed(
    clusterUpdatePermission,
    state.value?.customer.clusterName,
  );
  return (
    <Content>
      <AsyncView {...state} emptyTitle="Customer not found">
        {({ customer, releases }) => (
          <>
            <ContentHeader title={customer.name}>
              {canUpdateClusters && (
                <Box display="flex" style={{ gap: 8 }}>
                  <Button variant="outlined" onClick={() => setDialog('edit')}>
                    Edit
                  </Button>
                  <Button
                    variant="outlined"
                    onClick={() => setDialog('delete')}
                  >
                    Delete
                  </Button>
                </Box>
              )}
            </ContentHeader>
            {dialog === 'edit' && (
              <CustomerDialog
                clusterName={customer.clusterName}
                customer={customer}
                onClose={() => setDialog(undefined)}
                onSave={async values => {
                  if (await writes.updateCustomer(customer, values)) {
                    setDialog(undefined);
                    bump();
                  }
                }}
              />
            )}
            {dialog === 'delete' && (
              <ConfirmDialog
                title={`Delete customer ${customer.name}?`}
                message="The customer is hidden from lists and new releases; its history is kept."
                confirmLabel="Delete"
                busy={busy}
                onClose={() => setDialog(undefined)}
                onConfirm={async () => {
                  if (await writes.deleteCustomer(customer)) {
                    setDialog(undefined);
                    navigate(paths.clusters);
                  }
                }}
              />
            )}
            <Grid container spacing={3}>
              <Grid item xs={12} md={5}>
                <Paper variant="outlined">
                  <Box p={2}>
                    <StructuredMetadataTable
                      dense
                      metadata={{
                        cluster: customer.clusterName,
                        namespace: customer.namespace,
                        status: (
                          <StatusChip
                            status={customer.isActive ? 'active' : 'inactive'}
                          />
                        ),
                        notes: customer.notes ?? '—',
                      }}
                    />
                  </Box>
                </Paper>
              </Grid>
              <Grid item xs={12}>
                {releases.length === 0 && (
                  <EmptyState
                    missing="data"
                    title="Not in any active release"
                  />
                )}
                {releases.map(({ release, steps }) => (
                  <Box key={release.id} mb={3}>
                    <Table<CustomerStep>
                      title={
                        <Link
                          to={paths.releaseCustomer(release.id, customer.id)}
                        >
                          {`Release ${release.name}`}
                        </Link>
                      }
                      columns={columns}
                      data={steps}
                      options={{
                        paging: false,
                        search: false,
                        padding: 'dense',
                      }}
                    />
                  </Box>
                ))}
              </Grid>
            </Grid>
          </>
        )}
      </AsyncView>
    </Content>
  );
};
