import { LoggerService } from '@backstage/backend-plugin-api';
import { Client, DatabaseError, Pool, PoolClient, QueryResultRow } from 'pg';
import { redact, secretsOf } from '@opshub/opshub-common';

/**
 * What {@link ReadOnlyPostgres} needs to know about one environment.
 *
 * @internal
 */
export interface ReadOnlyEnvironment {
  name: string;
  /** Secret: never logged nor returned. */
  connection: string;
  statementTimeoutMs: number;
  poolSize: number;
}

/**
 * The only way inspector code talks to an inspected database: parameterised
 * queries inside a read-only transaction.
 *
 * @internal
 */
export interface ReadOnlyQueryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<R[]>;
}

/**
 * A failure of an inspected database, with every credential removed from the
 * message. `code` is the SQLSTATE when the server sent one.
 *
 * @internal
 */
export class InspectorDatabaseError extends Error {
  readonly environment: string;
  readonly code?: string;
  /** The Node.js error code of a socket failure, e.g. `ECONNREFUSED`. */
  readonly systemCode?: string;
  /** True when no connection could be made (the database is down). */
  readonly connectFailed: boolean;

  constructor(options: {
    environment: string;
    message: string;
    code?: string;
    systemCode?: string;
    connectFailed: boolean;
  }) {
    super(options.message);
    this.name = 'InspectorDatabaseError';
    this.environment = options.environment;
    this.code = options.code;
    this.systemCode = options.systemCode;
    this.connectFailed = options.connectFailed;
  }

  /**
   * True when the database cannot serve right now, as opposed to an error in
   * a statement: connection, authentication, missing database, resources,
   * shutdown or cancelled statements (SQLSTATE classes 08, 28, 3D, 53, 57).
   */
  get unavailable(): boolean {
    return (
      this.connectFailed ||
      this.code === undefined ||
      /^(08|28|3D|53|57)/.test(this.code)
    );
  }
}

/**
 * Thrown by {@link ReadOnlyPostgres.withReadOnly} when its `signal` aborted:
 * the running statement was cancelled on the server.
 *
 * @internal
 */
export class ReadCancelledError extends Error {
  constructor(environment: string) {
    super(`Reading environment ${environment} was cancelled`);
    this.name = 'ReadCancelledError';
  }
}

/**
 * Options of {@link ReadOnlyPostgres.withReadOnly}.
 *
 * @internal
 */
export interface ReadOnlyOptions {
  /**
   * Cancels the read: the running statement is cancelled on the server
   * (`pg_cancel_backend` from a second connection), no further statement
   * is sent, and the call throws a {@link ReadCancelledError}.
   */
  signal?: AbortSignal;
}

/** Time left to the server before the client gives up on a statement. */
const CLIENT_TIMEOUT_MARGIN_MS = 5000;
const CONNECT_TIMEOUT_MS = 5000;

/**
 * Read-only access to the inspected databases: one small `pg.Pool` per
 * environment, created on first use. Every call runs in
 * `BEGIN READ ONLY` with `statement_timeout` and `lock_timeout` set for the
 * transaction only, and is rolled back. Connections are also opened with
 * `default_transaction_read_only=on`. Configure a read-only role anyway.
 *
 * @internal
 */
export class ReadOnlyPostgres {
  private readonly environments: Map<string, ReadOnlyEnvironment>;
  private readonly pools = new Map<string, Pool>();
  /** Pools retired by {@link ReadOnlyPostgres.resetPools}, still ending. */
  private readonly retiring = new Set<Promise<void>>();
  private readonly logger?: LoggerService;
  private closed = false;

  constructor(options: {
    environments: ReadOnlyEnvironment[];
    logger?: LoggerService;
  }) {
    this.environments = new Map(options.environments.map(e => [e.name, e]));
    this.logger = options.logger;
  }

  /** True when the environment is configured. */
  has(name: string): boolean {
    return this.environments.has(name);
  }

  /**
   * Runs `fn` in a read-only transaction on the environment's database and
   * rolls it back. Database errors (connecting or in any statement) are
   * thrown as {@link InspectorDatabaseError}s without credentials; errors
   * thrown by `fn` itself pass through.
   */
  async withReadOnly<T>(
    name: string,
    fn: (db: ReadOnlyQueryable) => Promise<T>,
    options: ReadOnlyOptions = {},
  ): Promise<T> {
    const { signal } = options;
    const env = this.environments.get(name);
    if (!env) {
      throw new Error(`Unknown environment ${JSON.stringify(name)}`);
    }
    if (this.closed) {
      throw new Error('ReadOnlyPostgres is closed');
    }
    if (signal?.aborted) {
      throw new ReadCancelledError(env.name);
    }

    let client: PoolClient;
    try {
      client = await this.pool(env).connect();
    } catch (error) {
      throw this.sanitize(env, error, true);
    }

    const query = async <R extends QueryResultRow>(
      text: string,
      values?: unknown[],
    ): Promise<R[]> => {
      if (signal?.aborted) {
        throw new ReadCancelledError(env.name);
      }
      try {
        return (await client.query<R>(text, values)).rows;
      } catch (error) {
        if (signal?.aborted) {
          throw new ReadCancelledError(env.name);
        }
        throw this.sanitize(env, error, false);
      }
    };

    let broken: Error | undefined;
    let stopCancelling = () => {};
    try {
      if (signal) {
        const [{ pid }] = await query<{ pid: number }>(
          'SELECT pg_backend_pid() AS pid',
        );
        stopCancelling = this.cancelOnAbort(env, pid, signal);
      }
      await query('BEGIN READ ONLY');
      const timeout = String(env.statementTimeoutMs);
      await query(
        "SELECT set_config('statement_timeout', $1, true), set_config('lock_timeout', $2, true)",
        [timeout, timeout],
      );
      return await fn({ query });
    } finally {
      stopCancelling();
      try {
        await client.query('ROLLBACK');
      } catch (error) {
        // the connection is unusable: drop it from the pool
        broken = error instanceof Error ? error : new Error(String(error));
      }
      if (signal?.aborted) {
        // a cancel may still be on its way to this backend: never hand the
        // connection to another read
        broken ??= new ReadCancelledError(env.name);
      }
      client.release(broken);
    }
  }

  /**
   * Connections of the environment's pool as `pg.Pool` counts them, or
   * `null` when no pool was created yet.
   */
  poolUsage(name: string): {
    totalCount: number;
    idleCount: number;
    waitingCount: number;
    max: number;
  } | null {
    const pool = this.pools.get(name);
    const env = this.environments.get(name);
    if (!pool || !env) {
      return null;
    }
    return {
      totalCount: pool.totalCount,
      idleCount: pool.idleCount,
      waitingCount: pool.waitingCount,
      max: env.poolSize,
    };
  }

  /**
   * Retires every pool: the next request opens a new one (new connections,
   * new DNS lookup, new credentials check). Requests running or queued on a
   * retired pool finish there; its connections are closed once it has no
   * queued request, idle ones at once and busy ones when released. Resolves
   * the names of the environments whose pool was retired.
   */
  resetPools(): string[] {
    const retired = [...this.pools.entries()];
    this.pools.clear();
    for (const [name, pool] of retired) {
      const ended = this.endWhenIdle(pool)
        .catch(error =>
          this.logger?.warn(
            `Could not close the old pool of environment ${name}: ${error}`,
          ),
        )
        .finally(() => this.retiring.delete(ended));
      this.retiring.add(ended);
    }
    return retired.map(([name]) => name);
  }

  /** Ends every pool. Later calls to {@link ReadOnlyPostgres.withReadOnly} fail. */
  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all([
      ...pools.map(pool => pool.end()),
      ...[...this.retiring],
    ]);
  }

  /** `pool.end()` once no request waits for one of its connections. */
  private async endWhenIdle(pool: Pool): Promise<void> {
    // ending a pool fails the requests queued on it: let them run first
    while (pool.waitingCount > 0 && !this.closed) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await pool.end();
  }

  /**
   * Cancels the statement running on backend `pid` when `signal` aborts,
   * from a connection of its own (the pool may be exhausted). Returns the
   * function that stops listening.
   */
  private cancelOnAbort(
    env: ReadOnlyEnvironment,
    pid: number,
    signal: AbortSignal,
  ): () => void {
    const onAbort = () => {
      const canceller = new Client({
        connectionString: env.connection,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        query_timeout: CONNECT_TIMEOUT_MS,
        application_name: 'opshub-devops-inspector-cancel',
      });
      canceller.on('error', () => {});
      canceller
        .connect()
        .then(() => canceller.query('SELECT pg_cancel_backend($1)', [pid]))
        .catch(error => {
          this.logger?.warn(
            `Could not cancel a read of environment ${env.name}: ${
              this.sanitize(env, error, false).message
            }`,
          );
        })
        .finally(() => canceller.end().catch(() => {}));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }

  private pool(env: ReadOnlyEnvironment): Pool {
    let pool = this.pools.get(env.name);
    if (!pool) {
      pool = new Pool({
        connectionString: env.connection,
        max: env.poolSize,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        query_timeout: env.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
        application_name: 'opshub-devops-inspector',
        options: '-c default_transaction_read_only=on',
      });
      // without a listener, an idle connection dropped by the server would
      // crash the process
      pool.on('error', error => {
        this.logger?.warn(
          `Idle connection to environment ${env.name} failed: ${
            this.sanitize(env, error, false).message
          }`,
        );
      });
      this.pools.set(env.name, pool);
    }
    return pool;
  }

  private sanitize(
    env: ReadOnlyEnvironment,
    error: unknown,
    connectFailed: boolean,
  ): InspectorDatabaseError {
    if (error instanceof InspectorDatabaseError) {
      return error;
    }
    const raw =
      error instanceof Error
        ? error.message ||
          (error as NodeJS.ErrnoException).code ||
          error.name ||
          'Unknown error'
        : String(error);
    const sqlState = error instanceof DatabaseError ? error.code : undefined;
    // duck-typed: errors of Node.js core may come from another realm
    const errno =
      error && typeof error === 'object' && !(error instanceof DatabaseError)
        ? (error as { code?: unknown }).code
        : undefined;
    return new InspectorDatabaseError({
      environment: env.name,
      message: redact(raw, secretsOf(env.connection)),
      code: sqlState,
      systemCode: typeof errno === 'string' ? errno : undefined,
      connectFailed,
    });
  }
}
