import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DatabaseHealth,
  DependencyHealth,
  OverallHealth,
  StatusSummary,
} from '@opshub/plugin-devops-inspector-common';
import { performance } from 'perf_hooks';
import { InspectorEnvironmentConfig } from '../config';
import { HttpDependencyConfig, publicUrl } from '../deploymentConfig';
import {
  InspectorDatabaseError,
  ReadOnlyPostgres,
} from '../database/ReadOnlyPostgres';
import { redact, secretsOf } from '../database/redact';

/**
 * What `GET /status` needs.
 *
 * @internal
 */
export interface StatusSource {
  getStatus(): Promise<StatusSummary>;
}

function rounded(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/**
 * `healthy` when every target is up and fast; `unhealthy` when every target
 * is down; `degraded` otherwise (some down, or some slower than the
 * threshold). Without any target there is nothing unhealthy: `healthy`.
 *
 * @internal
 */
export function overallHealth(
  targets: Array<{ status: 'up' | 'down'; slow: boolean }>,
): OverallHealth {
  const up = targets.filter(t => t.status === 'up');
  if (targets.length > 0 && up.length === 0) {
    return 'unhealthy';
  }
  if (up.length < targets.length || up.some(t => t.slow)) {
    return 'degraded';
  }
  return 'healthy';
}

/**
 * Measures every configured database and HTTP dependency in parallel. One
 * target failing marks only its own entry.
 *
 * @internal
 */
export class StatusService implements StatusSource {
  private readonly environments: InspectorEnvironmentConfig[];
  private readonly dependencies: HttpDependencyConfig[];
  private readonly postgres: ReadOnlyPostgres;
  private readonly slowThresholdMs: number;
  private readonly fetch: typeof fetch;
  private readonly logger?: LoggerService;

  constructor(options: {
    environments: InspectorEnvironmentConfig[];
    dependencies: HttpDependencyConfig[];
    postgres: ReadOnlyPostgres;
    slowThresholdMs: number;
    fetch?: typeof fetch;
    logger?: LoggerService;
  }) {
    this.environments = options.environments;
    this.dependencies = options.dependencies;
    this.postgres = options.postgres;
    this.slowThresholdMs = options.slowThresholdMs;
    this.fetch = options.fetch ?? fetch;
    this.logger = options.logger;
  }

  async getStatus(): Promise<StatusSummary> {
    const [databases, dependencies] = await Promise.all([
      Promise.all(this.environments.map(env => this.probeDatabase(env))),
      Promise.all(this.dependencies.map(dep => this.probeDependency(dep))),
    ]);
    return {
      status: overallHealth([...databases, ...dependencies]),
      checkedAt: new Date().toISOString(),
      slowThresholdMs: this.slowThresholdMs,
      databases,
      dependencies,
    };
  }

  private async probeDatabase(
    env: InspectorEnvironmentConfig,
  ): Promise<DatabaseHealth> {
    const base = { name: env.name, label: env.label, tier: env.tier };
    const started = performance.now();
    try {
      await this.postgres.withReadOnly(env.name, db => db.query('SELECT 1'));
      const latencyMs = rounded(performance.now() - started);
      return {
        ...base,
        status: 'up',
        slow: latencyMs > this.slowThresholdMs,
        latencyMs,
        pool: this.postgres.poolUsage(env.name),
      };
    } catch (error) {
      const message =
        error instanceof InspectorDatabaseError
          ? error.message
          : 'Unexpected error while probing the database';
      this.logger?.debug(`Status: environment ${env.name} is down: ${message}`);
      return {
        ...base,
        status: 'down',
        slow: false,
        latencyMs: null,
        pool: this.postgres.poolUsage(env.name),
        error: message,
      };
    }
  }

  private async probeDependency(
    dep: HttpDependencyConfig,
  ): Promise<DependencyHealth> {
    const base = { name: dep.name, url: publicUrl(dep.url) };
    const started = performance.now();
    try {
      // credentials in the URL go into a header, as fetch refuses them there
      const target = new URL(dep.url);
      const headers: Record<string, string> = {};
      if (target.username || target.password) {
        headers.authorization = `Basic ${Buffer.from(
          `${decodeURIComponent(target.username)}:${decodeURIComponent(
            target.password,
          )}`,
        ).toString('base64')}`;
        target.username = '';
        target.password = '';
      }
      const response = await this.fetch(target.toString(), {
        method: 'GET',
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(dep.timeoutMs),
      });
      // the body is not needed: release the connection
      await response.body?.cancel().catch(() => undefined);
      const latencyMs = rounded(performance.now() - started);
      const up = response.status < 500;
      return {
        ...base,
        status: up ? 'up' : 'down',
        slow: up && latencyMs > this.slowThresholdMs,
        statusCode: response.status,
        latencyMs,
        ...(up ? {} : { error: `HTTP ${response.status}` }),
      };
    } catch (error) {
      // a DOMException, which is not always an `instanceof Error`
      const name = (error as { name?: unknown } | undefined)?.name;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const raw = timedOut
        ? `No answer within ${dep.timeoutMs} ms`
        : describeFetchError(error);
      return {
        ...base,
        status: 'down',
        slow: false,
        statusCode: null,
        latencyMs: null,
        error: redact(raw, secretsOf(dep.url)),
      };
    }
  }
}

/**
 * `fetch failed` hides the reason in `cause`. Duck-typed: errors from
 * another realm are not `instanceof Error`.
 */
function describeFetchError(error: unknown): string {
  const { message, cause } = (error ?? {}) as {
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  const text = typeof message === 'string' ? message : String(error);
  const reason = cause?.code ?? cause?.message;
  return typeof reason === 'string' ? `${text}: ${reason}` : text;
}
