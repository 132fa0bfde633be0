import { z } from 'zod';

/**
 * The largest value of a PostgreSQL `integer` (and of the `increments()`
 * columns every OpsHub table uses for its id). A larger id can name no row,
 * and PostgreSQL rejects it with "value out of range for type integer".
 *
 * @public
 */
export const MAX_DB_ID = 2_147_483_647;

/**
 * A row id in a path, query or body: a positive integer that fits a
 * PostgreSQL `integer`. Strings are coerced, so `"12"` in a path is `12`.
 *
 * @public
 */
export const idSchema = z.coerce
  .number({ invalid_type_error: 'must be a number' })
  .int()
  .positive()
  .max(MAX_DB_ID, { message: `must be at most ${MAX_DB_ID}` });

/**
 * A row version (optimistic locking), with the same range as an id.
 *
 * @public
 */
export const versionSchema = z.coerce
  .number({ invalid_type_error: 'must be a number' })
  .int()
  .min(1)
  .max(MAX_DB_ID, { message: `must be at most ${MAX_DB_ID}` });
