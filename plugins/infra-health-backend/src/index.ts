/**
 * The OpsHub infra-health backend plugin: probes the configured HTTP health
 * checks, keeps their samples and serves each check's current status.
 *
 * @packageDocumentation
 */

export { infraHealthPlugin as default } from './plugin';
