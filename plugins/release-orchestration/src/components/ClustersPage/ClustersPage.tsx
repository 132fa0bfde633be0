import {
  Content,
  ContentHeader,
  EmptyState,
  SupportButton,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import { ClusterCustomersTable } from '../ClusterCustomersTable';
import { ClustersTable } from '../ClustersTable';
import { usePaths } from '../paths';

/**
 * The clusters, and the customers of the selected one.
 *
 * @internal
 */
export const ClustersPage = () => {
  const [selected, setSelected] = useState<string>();
  const paths = usePaths();
  return (
    <Content>
      <ContentHeader title="Clusters">
        <SupportButton>
          Select a cluster to see its customers. Inactive customers are kept but
          left out of new releases.
        </SupportButton>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <ClustersTable selected={selected} onSelect={setSelected} />
        </Grid>
        <Grid item xs={12}>
          {selected ? (
            <ClusterCustomersTable
              key={selected}
              clusterName={selected}
              customerLink={paths.customer}
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
    </Content>
  );
};
