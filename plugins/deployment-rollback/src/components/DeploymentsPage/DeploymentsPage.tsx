import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { CurrentVersionsTable } from '../CurrentVersionsCard';
import { DeploymentHistoryTable } from '../DeploymentHistoryTable';

/** The deployments page of the portal. */
export const DeploymentsPage = () => (
  <Page themeId="tool">
    <Header
      title="Deployments"
      subtitle="What runs where, and how it got there"
    />
    <Content>
      <ContentHeader title="All services">
        <SupportButton>
          The version running in each environment is its latest successful
          deployment.
        </SupportButton>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <CurrentVersionsTable />
        </Grid>
        <Grid item xs={12}>
          <DeploymentHistoryTable />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
