/**
 * Helpers shared by the OpsHub backend plugins: migrations, authorization,
 * input validation and pagination. Written once, used by every family.
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
