import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  CompareResult,
  MultiCompareResult,
} from '@opshub/plugin-devops-inspector-common';
import { redactUrl } from '@opshub/opshub-node';
import { InspectorEnvironmentConfig } from '../config';
import { ActivityStore } from '../database/ActivityStore';
import {
  InspectorDatabaseError,
  ReadOnlyPostgres,
} from '../database/ReadOnlyPostgres';
import { CatalogSnapshot, readCatalog } from './catalog';
import { compareSnapshots } from './compareSnapshots';

/** Only sanitized messages leave: anything else is reported generically. */
function describe(reason: unknown): string {
  return reason instanceof InspectorDatabaseError
    ? reason.message
    : 'Unexpected error while reading the schema';
}

/**
 * Reads the schema of one environment in one read-only transaction.
 *
 * @internal
 */
export function snapshotOf(
  postgres: ReadOnlyPostgres,
  environment: string,
): Promise<CatalogSnapshot> {
  return postgres.withReadOnly(environment, readCatalog);
}

/**
 * Compares a source environment's schema with one or several targets.
 *
 * @internal
 */
export class SchemaCompareService {
  private readonly environments: InspectorEnvironmentConfig[];
  private readonly postgres: ReadOnlyPostgres;
  private readonly store?: ActivityStore;
  private readonly logger?: LoggerService;

  constructor(options: {
    environments: InspectorEnvironmentConfig[];
    postgres: ReadOnlyPostgres;
    store?: ActivityStore;
    logger?: LoggerService;
  }) {
    this.environments = options.environments;
    this.postgres = options.postgres;
    this.store = options.store;
    this.logger = options.logger;
  }

  /** The configured environment names, in configuration order. */
  environmentNames(): string[] {
    return this.environments.map(e => e.name);
  }

  /**
   * Snapshots the source and every target in parallel and compares each
   * target with the source. A target that cannot be read gets an error entry
   * (a partial result); a source that cannot be read fails the call (503).
   */
  async compare(
    source: string,
    targets: string[],
    actor?: string,
  ): Promise<MultiCompareResult> {
    for (const name of [source, ...targets]) {
      if (!this.environments.some(e => e.name === name)) {
        throw new NotFoundError(`No environment named ${JSON.stringify(name)}`);
      }
    }
    const generatedAt = new Date();
    const [sourceSnapshot, ...targetSnapshots] = await Promise.allSettled([
      snapshotOf(this.postgres, source),
      ...targets.map(target => snapshotOf(this.postgres, target)),
    ]);
    if (sourceSnapshot.status === 'rejected') {
      const reason = sourceSnapshot.reason;
      if (reason instanceof InspectorDatabaseError) {
        throw new ServiceUnavailableError(
          `The database of environment ${source} is unavailable: ${reason.message}`,
        );
      }
      throw reason;
    }
    const results: MultiCompareResult['results'] = targets.map(
      (target, index) => {
        const snapshot = targetSnapshots[index];
        if (snapshot.status === 'rejected') {
          const error = describe(snapshot.reason);
          this.logger?.warn(
            `Schema compare: target ${target} failed: ${error}`,
          );
          return { target, error };
        }
        return compareSnapshots(sourceSnapshot.value, snapshot.value, {
          source,
          target,
          generatedAt,
        });
      },
    );
    if (actor && this.store) {
      await this.store.record({
        actor,
        action: 'schema.compare',
        environment: source,
        details: {
          targets,
          results: results.map(r =>
            'error' in r
              ? { target: r.target, error: true }
              : {
                  target: r.target,
                  total: r.summary.total,
                  breaking: r.summary.breakingCount,
                },
          ),
        },
      });
    }
    return { source, generatedAt: generatedAt.toISOString(), results };
  }
}

/**
 * Compares two databases given by URL, with a one-connection pool each,
 * for the CLI and the benchmark. Throws a sanitized
 * {@link InspectorDatabaseError} when one cannot be read.
 *
 * @internal
 */
export async function compareUrls(
  sourceUrl: string,
  targetUrl: string,
  options: { statementTimeoutMs?: number } = {},
): Promise<CompareResult> {
  const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
  const postgres = new ReadOnlyPostgres({
    environments: [
      {
        name: 'source',
        connection: sourceUrl,
        statementTimeoutMs,
        poolSize: 1,
      },
      {
        name: 'target',
        connection: targetUrl,
        statementTimeoutMs,
        poolSize: 1,
      },
    ],
  });
  try {
    const [source, target] = await Promise.all([
      snapshotOf(postgres, 'source'),
      snapshotOf(postgres, 'target'),
    ]);
    return compareSnapshots(source, target, {
      source: redactUrl(sourceUrl),
      target: redactUrl(targetUrl),
    });
  } finally {
    await postgres.close();
  }
}
