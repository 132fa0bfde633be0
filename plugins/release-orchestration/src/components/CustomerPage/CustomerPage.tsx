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
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import { CustomerStep } from '@opshub/plugin-release-orchestration-common';
import { useParams } from 'react-router-dom';
import { useCustomerReleases } from '../../hooks/useInFlight';
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
  const state = useCustomerReleases(customerId);
  return (
    <Content>
      <AsyncView {...state} emptyTitle="Customer not found">
        {({ customer, releases }) => (
          <>
            <ContentHeader title={customer.name} />
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
