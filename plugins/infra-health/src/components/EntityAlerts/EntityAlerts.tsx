import { InfoCard } from '@backstage/core-components';
import { AlertFeed } from '../AlertFeed';

/**
 * The alerts of one service, for the entity tab: newest first, with the
 * acknowledge, escalate and resolve actions, live.
 *
 * @internal
 */
export const EntityAlerts = (props: { service: string }) => (
  <InfoCard
    title="Alerts"
    subheader={`Alertmanager alerts of ${props.service}`}
  >
    <AlertFeed service={props.service} pageSize={10} />
  </InfoCard>
);
