import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { AlertFeed } from '../AlertFeed';

/**
 * The alert feed of every service: the alerts Alertmanager sent, with
 * filters, bulk acknowledge and the acknowledge, escalate and resolve
 * actions. Live through the `infra-health:alerts` signal.
 *
 * @internal
 */
export const InfraHealthAlertsPage = () => (
  <Page themeId="tool">
    <Header title="Alerts" subtitle="Alertmanager alerts of every service" />
    <Content>
      <ContentHeader title="Alert feed">
        <SupportButton>
          Alerts arrive from Alertmanager. Acknowledge an alert to say you are
          on it (for a while, or until it resolves), escalate it to Slack or
          PagerDuty, or resolve it by hand. The list updates live.
        </SupportButton>
      </ContentHeader>
      <AlertFeed bulk />
    </Content>
  </Page>
);
