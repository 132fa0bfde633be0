import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { HealthGrid } from '../HealthGrid';
import { AlertFeedLink } from '../InfraHealthAlertsPage';

/**
 * The infra-health page of the portal: the health grid of every service.
 *
 * @internal
 */
export const InfraHealthPage = () => (
  <Page themeId="tool">
    <Header
      title="Infrastructure health"
      subtitle="HTTP health checks of every service"
    />
    <Content>
      <ContentHeader title="All services">
        <AlertFeedLink />
        <SupportButton>
          A check is unhealthy when its last probe failed, and degraded when the
          last probe was slow or one of the last five failed. The page reloads
          every 30 seconds.
        </SupportButton>
      </ContentHeader>
      <HealthGrid />
    </Content>
  </Page>
);
