import { LoggerService } from '@backstage/backend-plugin-api';
import { MultiCompareResult } from '@opshub/plugin-devops-inspector-common';
import {
  CatalogSnapshot,
  compareSnapshots,
  readCatalog,
} from '@opshub/schema-compare';
import { ActivityStore } from '../database/ActivityStore';
import {
  EnvironmentDatabases,
  failureMessage,
} from '../database/EnvironmentDatabases';
import {
  createInspectorMetrics,
  InspectorMetrics,
  targetsBucket,
} from './metrics';

/**
 * Reads the schema of one environment in one read-only transaction.
 *
 * @internal
 */
export function snapshotOf(
  databases: EnvironmentDatabases,
  environment: string,
): Promise<CatalogSnapshot> {
  return databases.read(environment, readCatalog);
}

/**
 * Compares a source environment's schema with one or several targets.
 *
 * @internal
 */
export class SchemaCompareService {
  private readonly databases: EnvironmentDatabases;
  private readonly store?: ActivityStore;
  private readonly logger?: LoggerService;
  private readonly metrics: InspectorMetrics;

  constructor(options: {
    databases: EnvironmentDatabases;
    store?: ActivityStore;
    logger?: LoggerService;
    metrics?: InspectorMetrics;
  }) {
    this.metrics = options.metrics ?? createInspectorMetrics();
    this.databases = options.databases;
    this.store = options.store;
    this.logger = options.logger;
  }

  /** The configured environment names, in configuration order. */
  environmentNames(): string[] {
    return this.databases.names();
  }

  /**
   * Snapshots the source and every target in parallel and compares each
   * target with the source. A target that cannot be read gets an error entry
   * (a partial result); a source that cannot be read fails the call (503).
   * Its duration is measured (`opshub_devops_inspector_compare_duration_seconds`).
   */
  async compare(
    source: string,
    targets: string[],
    actor?: string,
  ): Promise<MultiCompareResult> {
    return this.metrics.compareDuration.timeSeconds(
      () => this.compareOnce(source, targets, actor),
      outcome => {
        let result: 'ok' | 'partial' | 'failed' = 'failed';
        if (outcome.ok) {
          const partial = outcome.value.results.some(r => 'error' in r);
          result = partial ? 'partial' : 'ok';
        }
        return { targets: targetsBucket(targets.length), outcome: result };
      },
    );
  }

  private async compareOnce(
    source: string,
    targets: string[],
    actor?: string,
  ): Promise<MultiCompareResult> {
    for (const name of [source, ...targets]) {
      this.databases.require(name);
    }
    const generatedAt = new Date();
    const [sourceSnapshot, ...targetSnapshots] = await Promise.allSettled([
      snapshotOf(this.databases, source),
      ...targets.map(target => snapshotOf(this.databases, target)),
    ]);
    if (sourceSnapshot.status === 'rejected') {
      throw sourceSnapshot.reason;
    }
    const results: MultiCompareResult['results'] = targets.map(
      (target, index) => {
        const snapshot = targetSnapshots[index];
        if (snapshot.status === 'rejected') {
          const error = failureMessage(
            snapshot.reason,
            'Unexpected error while reading the schema',
          );
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
