/**
 * The OpsHub infra-health frontend plugin: a health grid of every service's
 * HTTP checks, as a page, an entity tab and an entity card.
 *
 * @packageDocumentation
 */

export {
  infraHealthPlugin,
  InfraHealthPage,
  InfraHealthCheckPage,
  EntityInfraHealthContent,
  EntityInfraHealthCard,
  isInfraHealthAvailable,
} from './plugin';
export { infraHealthApiRef, InfraHealthClient } from './api';
export type { InfraHealthApi } from './api';
export type {
  CheckWithStatus,
  HealthCheck,
  HealthSample,
  HealthSamplePage,
  HealthSampleStatus,
  HealthStatus,
} from '@opshub/plugin-infra-health-common';
