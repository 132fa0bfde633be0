import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { InspectorEnvironmentConfig } from '../config';
import {
  InspectorDatabaseError,
  ReadOnlyOptions,
  ReadOnlyPostgres,
  ReadOnlyQueryable,
} from './ReadOnlyPostgres';

/**
 * The configured environments and read-only access to their databases, with
 * one mapping of failures for every route:
 *
 * - an unknown environment is a `NotFoundError` (404);
 * - a database that cannot serve (refused, unreachable, timed out,
 *   authentication, missing database, too many connections, shutting down,
 *   statement cancelled) is a `ServiceUnavailableError` (503) whose message
 *   names the environment and the kind of failure, never the connection
 *   string, its host or its password;
 * - any other database error (a failing statement) is rethrown as the
 *   sanitized `InspectorDatabaseError`, and errors thrown by the callback
 *   pass through unchanged.
 *
 * @internal
 */
export interface EnvironmentDatabases {
  /** The configured environment names, in configuration order. */
  names(): string[];
  /** The environment's configuration; `NotFoundError` when unknown. */
  require(name: string): InspectorEnvironmentConfig;
  /**
   * Runs `fn` in a read-only transaction on the environment's database
   * (rolled back afterwards), mapping failures as described above. An
   * aborted `options.signal` cancels the running statement and throws a
   * `ReadCancelledError`.
   */
  read<T>(
    name: string,
    fn: (db: ReadOnlyQueryable) => Promise<T>,
    options?: ReadOnlyOptions,
  ): Promise<T>;
}

/** Node.js socket error codes, as words fit for a user. */
const SYSTEM_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EPIPE: 'connection closed',
};

/** SQLSTATEs (or their class) of a database that cannot serve, as words. */
function sqlStateReason(code: string): string {
  if (code === '57014') {
    return 'statement timed out';
  }
  if (code === '55P03') {
    return 'lock timed out';
  }
  if (code === '3D000') {
    return 'database does not exist';
  }
  if (code === '53300') {
    return 'too many connections';
  }
  if (code.startsWith('28')) {
    return 'authentication failed';
  }
  if (code.startsWith('08')) {
    return 'connection failed';
  }
  if (code.startsWith('53')) {
    return 'insufficient resources';
  }
  if (code.startsWith('57')) {
    return 'server shutting down or statement cancelled';
  }
  return `SQLSTATE ${code}`;
}

/**
 * Why a database cannot serve, in a few words that carry no connection
 * detail (no host, port, user or password).
 *
 * @internal
 */
export function unavailableReason(error: InspectorDatabaseError): string {
  if (error.systemCode && SYSTEM_REASONS[error.systemCode]) {
    return SYSTEM_REASONS[error.systemCode];
  }
  if (error.code) {
    return sqlStateReason(error.code);
  }
  const named = Object.keys(SYSTEM_REASONS).find(code =>
    new RegExp(`\\b${code}\\b`).test(error.message),
  );
  if (named) {
    return SYSTEM_REASONS[named];
  }
  if (/timeout|timed out/i.test(error.message)) {
    return 'connection timed out';
  }
  if (/terminated|closed|ended/i.test(error.message)) {
    return 'connection closed';
  }
  return 'connection failed';
}

/**
 * The 503 for a database that cannot serve.
 *
 * @internal
 */
export function unavailableError(
  environment: string,
  error: InspectorDatabaseError,
): ServiceUnavailableError {
  return new ServiceUnavailableError(
    `The database of environment ${environment} is unavailable (${unavailableReason(
      error,
    )})`,
  );
}

/**
 * {@link EnvironmentDatabases} over the configured environments and their
 * {@link ReadOnlyPostgres} pools.
 *
 * @internal
 */
export class ReadOnlyEnvironmentDatabases implements EnvironmentDatabases {
  private readonly environments: InspectorEnvironmentConfig[];
  private readonly postgres: ReadOnlyPostgres;

  constructor(options: {
    environments: InspectorEnvironmentConfig[];
    postgres: ReadOnlyPostgres;
  }) {
    this.environments = options.environments;
    this.postgres = options.postgres;
  }

  names(): string[] {
    return this.environments.map(e => e.name);
  }

  require(name: string): InspectorEnvironmentConfig {
    const env = this.environments.find(e => e.name === name);
    if (!env) {
      throw new NotFoundError(`No environment named ${JSON.stringify(name)}`);
    }
    return env;
  }

  async read<T>(
    name: string,
    fn: (db: ReadOnlyQueryable) => Promise<T>,
    options?: ReadOnlyOptions,
  ): Promise<T> {
    this.require(name);
    try {
      return await this.postgres.withReadOnly(name, fn, options);
    } catch (error) {
      if (error instanceof InspectorDatabaseError && error.unavailable) {
        throw unavailableError(name, error);
      }
      throw error;
    }
  }
}

/**
 * The message to report for a database that failed on its own entry of a
 * listing (a `down` environment, a compare target): the 503's message, a
 * sanitized database error, or a generic text for anything else.
 *
 * @internal
 */
export function failureMessage(reason: unknown, fallback: string): string {
  return reason instanceof ServiceUnavailableError ||
    reason instanceof InspectorDatabaseError
    ? reason.message
    : fallback;
}
