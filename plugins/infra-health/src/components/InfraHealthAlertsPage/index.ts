export { InfraHealthAlertsPage } from './InfraHealthAlertsPage';
export { AlertFeedLink } from './AlertFeedLink';
