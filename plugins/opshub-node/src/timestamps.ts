/**
 * A timestamp as a database driver returns it: PostgreSQL gives `Date`
 * objects; SQLite gives the epoch milliseconds Knex wrote, or
 * `YYYY-MM-DD HH:MM:SS` (UTC) for column defaults such as CURRENT_TIMESTAMP.
 *
 * @public
 */
export type DbTimestamp = Date | string | number;

const SQLITE_DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/;

/**
 * Turns a {@link DbTimestamp} into an ISO 8601 string in UTC, the same on
 * PostgreSQL and SQLite.
 *
 * @public
 */
export function timestampToIso(value: DbTimestamp): string {
  if (typeof value === 'string' && SQLITE_DATETIME.test(value)) {
    return new Date(`${value.replace(' ', 'T')}Z`).toISOString();
  }
  return new Date(value).toISOString();
}

/**
 * {@link timestampToIso}, passing `null` (and `undefined`) through as `null`.
 *
 * @public
 */
export function timestampToIsoOrNull(
  value: DbTimestamp | null | undefined,
): string | null {
  return value === null || value === undefined ? null : timestampToIso(value);
}
