/**
 * Isomorphic types and schemas shared by every OpsHub frontend and backend:
 * pages and paging, ids, entity refs and error bodies.
 *
 * @packageDocumentation
 */

export { MAX_PAGE_LIMIT, pageQuerySchema } from './paging';
export type { Page, PageQuery } from './paging';
export { MAX_DB_ID, idSchema, versionSchema } from './ids';
export {
  ENTITY_REF_MESSAGE,
  entityRefProblem,
  entityRefSchema,
} from './entityRefs';
export { isOpshubErrorBody } from './errors';
export type { OpshubErrorBody } from './errors';
export { redact, redactUrl, secretsOf } from './redact';
export { quoteIdent } from './sql';
