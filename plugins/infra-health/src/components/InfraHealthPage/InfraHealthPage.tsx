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
      subtitle="HTTP, TCP, TLS and PostgreSQL checks of every service"
    />
    <Content>
      <ContentHeader title="All services">
        <AlertFeedLink />
        <SupportButton>
          A check is down after its failure threshold of failed probes in a row,
          and up again after its success threshold of answers; degraded when the
          last answer was slow (or, for TLS, the certificate expires soon).
          During a maintenance window samples are recorded but no change is
          announced. The page updates live and every 30 seconds.
        </SupportButton>
      </ContentHeader>
      <HealthGrid />
    </Content>
  </Page>
);
