import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { deliveryReadPermission } from '@opshub/plugin-deployment-rollback-common';
import { AsyncView } from '@opshub/opshub-react';
import { useAllowed } from '../../hooks/useAllowed';
import {
  DeploymentRefreshProvider,
  ServiceSignals,
} from '../../hooks/useDeploymentRefresh';
import { useCurrentVersions } from '../../hooks/useDeployments';
import { DeliveriesTable } from '../DeliveriesTable';
import { DeploymentHistory } from '../DeploymentHistory';
import { PreviewsTable } from '../PreviewsTable';
import { mergeEnvironmentOrder, PromotionView } from '../PromotionView';
import { RecentFailures } from '../RecentFailures';

const DeploymentsContent = () => {
  const versions = useCurrentVersions();
  const deliveries = useAllowed(deliveryReadPermission);
  const items = versions.value ?? [];
  const environments = mergeEnvironmentOrder(items);
  const services = Array.from(new Set(items.map(i => i.service))).sort();
  return (
    <Grid container spacing={3}>
      <ServiceSignals services={services} />
      <Grid item xs={12} lg={8}>
        <AsyncView
          {...versions}
          isEmpty={list => list.length === 0}
          emptyTitle="No successful deployment yet"
          emptyDescription="Services appear here once a deployment has succeeded."
        >
          {list => <PromotionView items={list} environments={environments} />}
        </AsyncView>
      </Grid>
      <Grid item xs={12} lg={4}>
        <RecentFailures />
      </Grid>
      <Grid item xs={12}>
        <DeploymentHistory services={services} environments={environments} />
      </Grid>
      <Grid item xs={12}>
        <PreviewsTable />
      </Grid>
      {deliveries.allowed && (
        <Grid item xs={12}>
          <DeliveriesTable />
        </Grid>
      )}
    </Grid>
  );
};

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
          deployment. Highlighted cells lag the previous environment.
        </SupportButton>
      </ContentHeader>
      <DeploymentRefreshProvider>
        <DeploymentsContent />
      </DeploymentRefreshProvider>
    </Content>
  </Page>
);
