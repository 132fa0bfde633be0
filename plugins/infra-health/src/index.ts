/**
 * The OpsHub infra-health frontend plugin: a health grid of every service's
 * HTTP checks, as a page, an entity tab and an entity card.
 *
 * @packageDocumentation
 */

export {
  infraHealthPlugin,
  InfraHealthPage,
  InfraHealthAlertsPage,
  InfraHealthCheckPage,
  EntityInfraHealthContent,
  EntityInfraHealthCard,
  isInfraHealthAvailable,
} from './plugin';
export { infraHealthApiRef, InfraHealthClient } from './api';
export { SloCards } from './components/SloCards';
export type { SloCardsProps } from './components/SloCards';
export { SloManager } from './components/SloManager';
export type { SloManagerProps } from './components/SloManager';
export { RecentLogs } from './components/RecentLogs';
export type { RecentLogsProps } from './components/RecentLogs';
export type { InfraHealthApi } from './api';
export type {
  AlertAcknowledgement,
  AlertEscalation,
  AlertResolution,
  AlertState,
  EscalationTarget,
  HealthAlert,
  HealthAlertDetails,
  HealthAlertPage,
  CheckWithStatus,
  HealthCheck,
  HealthSample,
  HealthSamplePage,
  HealthSampleStatus,
  HealthStatus,
  CheckRollup,
  ServiceLogs,
  ServiceLogLine,
  Slo,
  SloBurnRatePair,
  SloDefinition,
  SloError,
  SloRangePoint,
  SloSource,
  SloStatus,
} from '@opshub/plugin-infra-health-common';
