import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DatabaseHealth,
  DependencyHealth,
  OverallHealth,
  StatusSummary,
} from '@opshub/plugin-devops-inspector-common';
import { redactUrl } from '@opshub/opshub-common';
import { probeHttp } from '@opshub/opshub-node';
import { performance } from 'perf_hooks';
import { InspectorEnvironmentConfig } from '../config';
import { HttpDependencyConfig } from '../deploymentConfig';
import {
  InspectorDatabaseError,
  ReadOnlyPostgres,
} from '../database/ReadOnlyPostgres';

/**
 * What `GET /status` needs.
 *
 * @internal
 */
export interface StatusSource {
  /**
   * Probes the databases of the named environments (in configuration order)
   * and every HTTP dependency; the overall health covers only those.
   */
  getStatus(environments: readonly string[]): Promise<StatusSummary>;
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

  async getStatus(names: readonly string[]): Promise<StatusSummary> {
    const selected = this.environments.filter(env => names.includes(env.name));
    const [databases, dependencies] = await Promise.all([
      Promise.all(selected.map(env => this.probeDatabase(env))),
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
    const base = { name: dep.name, url: redactUrl(dep.url) };
    // the shared probe: up on a 2xx or 3xx (redirects are not followed),
    // degraded (here: up and slow) above the threshold, down otherwise
    const result = await probeHttp(dep.url, {
      timeoutMs: dep.timeoutMs,
      degradedLatencyMs: this.slowThresholdMs,
      fetch: this.fetch,
    });
    if (result.state === 'down') {
      return {
        ...base,
        status: 'down',
        slow: false,
        statusCode: result.httpStatus,
        latencyMs: result.httpStatus === null ? null : result.latencyMs,
        error: result.error ?? 'Down',
      };
    }
    return {
      ...base,
      status: 'up',
      slow: result.state === 'degraded',
      statusCode: result.httpStatus,
      latencyMs: result.latencyMs,
    };
  }
}
