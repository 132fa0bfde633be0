import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useState } from 'react';
import { ClusterCustomersTable } from '../ClusterCustomersTable';
import { ClustersTable } from '../ClustersTable';

/**
 * The release-orchestration page: the clusters, and the customers of the
 * selected one.
 *
 * @internal
 */
export const ReleaseOrchestrationPage = () => {
  const [selected, setSelected] = useState<string>();
  return (
    <Page themeId="tool">
      <Header
        title="Release orchestration"
        subtitle="Clusters and the customers that releases are rolled out to"
      />
      <Content>
        <ContentHeader title="Clusters">
          <SupportButton>
            Select a cluster to see its customers. Inactive customers are kept
            but left out of new releases.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <ClustersTable selected={selected} onSelect={setSelected} />
          </Grid>
          <Grid item xs={12}>
            {selected ? (
              <ClusterCustomersTable key={selected} clusterName={selected} />
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
    </Page>
  );
};
