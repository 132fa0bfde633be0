import { Client, DatabaseError, QueryResultRow } from 'pg';
import { redact, secretsOf } from '@opshub/opshub-common';

/**
 * What the engine reads the catalog through: parameterised queries in a
 * read-only transaction. The inspector backend passes its own pooled
 * connections; {@link withReadOnlyDatabase} opens one from a URL.
 *
 * @public
 */
export interface ReadOnlyQueryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<R[]>;
}

/**
 * A failure of a compared database, with every credential of its URL
 * removed from the message. `code` is the SQLSTATE when the server sent one.
 *
 * @public
 */
export class SchemaCompareDatabaseError extends Error {
  /** Which database failed: `source` or `target` in `compareUrls`. */
  readonly database: string;
  readonly code?: string;

  constructor(options: { database: string; message: string; code?: string }) {
    super(options.message);
    this.name = 'SchemaCompareDatabaseError';
    this.database = options.database;
    this.code = options.code;
  }
}

const CONNECT_TIMEOUT_MS = 5000;
/** Time left to the server before the client gives up on a statement. */
const CLIENT_TIMEOUT_MARGIN_MS = 5000;

/**
 * Opens one connection to `url` (with `default_transaction_read_only=on`),
 * runs `fn` in `BEGIN READ ONLY` with `statement_timeout` and `lock_timeout`
 * set for the transaction, rolls back and closes. Database errors are thrown
 * as {@link SchemaCompareDatabaseError}s without credentials; errors thrown
 * by `fn` itself pass through.
 *
 * @public
 */
export async function withReadOnlyDatabase<T>(
  url: string,
  options: { database: string; statementTimeoutMs: number },
  fn: (db: ReadOnlyQueryable) => Promise<T>,
): Promise<T> {
  const secrets = secretsOf(url);
  const sanitize = (error: unknown) => {
    if (error instanceof SchemaCompareDatabaseError) {
      return error;
    }
    const e = (error ?? {}) as { message?: unknown; code?: unknown };
    const raw =
      (typeof e.message === 'string' && e.message) ||
      (typeof e.code === 'string' && e.code) ||
      String(error);
    return new SchemaCompareDatabaseError({
      database: options.database,
      message: redact(raw, secrets),
      code: error instanceof DatabaseError ? error.code : undefined,
    });
  };
  let client: Client;
  try {
    client = new Client({
      connectionString: url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: options.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
      application_name: 'opshub-schema-compare',
      options: '-c default_transaction_read_only=on',
    });
  } catch (error) {
    throw sanitize(error);
  }
  // a connection dropped by the server must not crash the process
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw sanitize(error);
  }
  const query = async <R extends QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<R[]> => {
    try {
      return (await client.query<R>(text, values)).rows;
    } catch (error) {
      throw sanitize(error);
    }
  };
  try {
    await query('BEGIN READ ONLY');
    const timeout = String(options.statementTimeoutMs);
    await query(
      "SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)",
      [timeout, timeout],
    );
    return await fn({ query });
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
