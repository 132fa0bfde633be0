/**
 * Helpers shared by the OpsHub backend plugins: migrations, authorization,
 * input validation and pagination, the HTTP probe, redaction, the actor of a
 * request, SQL identifier quoting, config readers and metrics. Written once, used by
 * every family.
 *
 * @packageDocumentation
 */

export { migrateAndConnect } from './database';
export type { MigrateAndConnectOptions } from './database';
export { authorizeRequest } from './authorize';
export type { AuthorizeRequestOptions } from './authorize';
export { createBaseRouter } from './router';
export { timestampToIso, timestampToIsoOrNull } from './timestamps';
export type { DbTimestamp } from './timestamps';
export { parseInput, toPage } from './validation';
export { toCsv } from './csv';
export type { CsvValue } from './csv';
export { actorOf } from './actor';
export {
  readHttpUrlConfig,
  readIntegerConfig,
  readOneOfConfig,
} from './config';
export type { ConfigKeyOptions, ConfigSource } from './config';
export { DEFAULT_PROBE_TIMEOUT_MS, probeHttp } from './probeHttp';
export type { HttpProbeResult, ProbeHttpOptions } from './probeHttp';
export {
  safeEqual,
  signWebhookBody,
  verifyWebhookSignature,
  verifyWebhookToken,
} from './webhooks';
export { createOpsHubMetrics, sanitizeMetricAttributes } from './metrics';
export type {
  MetricAttributeValues,
  MetricAttributesOf,
  OpsHubCounter,
  OpsHubHistogram,
  OpsHubInstrumentOptions,
  OpsHubMetrics,
  OpsHubObservation,
} from './metrics';
