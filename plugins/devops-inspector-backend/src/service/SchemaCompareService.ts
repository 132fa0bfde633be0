import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CompareJobProgress,
  MultiCompareResult,
  parseSnapshotRef,
} from '@opshub/plugin-devops-inspector-common';
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
import { CompareRef } from './compareRef';
import {
  createInspectorMetrics,
  InspectorMetrics,
  targetsBucket,
} from './metrics';
import { ProgressReporter } from './compareProgress';
import { snapshotLabel, SnapshotReader } from './SnapshotService';

/**
 * Reads the schema of one environment in one read-only transaction.
 *
 * @internal
 */
export function snapshotOf(
  databases: EnvironmentDatabases,
  environment: string,
  signal?: AbortSignal,
): Promise<CatalogSnapshot> {
  return databases.read(environment, readCatalog, { signal });
}

export type { CompareRef };

/**
 * Thrown by {@link SchemaCompareService.compare} when its signal aborted.
 *
 * @internal
 */
export class CompareCancelledError extends Error {
  constructor() {
    super('The comparison was cancelled');
    this.name = 'CompareCancelledError';
  }
}

/**
 * Options of {@link SchemaCompareService.compare}.
 *
 * @internal
 */
export interface CompareOptions {
  /** Records the comparison in the activity log as this caller. */
  actor?: string;
  /** Cancels the running catalog queries and stops between diffs. */
  signal?: AbortSignal;
  /**
   * Called in order at each step: the source read, each target read, each
   * diff, and once `done`. Awaited before the comparison returns.
   */
  onProgress?: (progress: CompareJobProgress) => Promise<void> | void;
}

/** Lets a pending timer, I/O or cancel run between two CPU-bound diffs. */
const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

/**
 * Compares a source environment's schema with one or several targets.
 *
 * @internal
 */
export class SchemaCompareService {
  private readonly databases: EnvironmentDatabases;
  private readonly snapshots?: SnapshotReader;
  private readonly store?: ActivityStore;
  private readonly logger?: LoggerService;
  private readonly metrics: InspectorMetrics;

  constructor(options: {
    databases: EnvironmentDatabases;
    snapshots?: SnapshotReader;
    store?: ActivityStore;
    logger?: LoggerService;
    metrics?: InspectorMetrics;
  }) {
    this.metrics = options.metrics ?? createInspectorMetrics();
    this.databases = options.databases;
    this.snapshots = options.snapshots;
    this.store = options.store;
    this.logger = options.logger;
  }

  /** The configured environment names, in configuration order. */
  environmentNames(): string[] {
    return this.databases.names();
  }

  /**
   * Resolves compare references: an environment name stays as it is
   * (whether it is configured is checked by {@link SchemaCompareService.compare},
   * after authorization); `snapshot:<id>` is looked up and names its
   * environment (`NotFoundError` when there is no such snapshot).
   */
  async resolve(refs: readonly string[]): Promise<CompareRef[]> {
    return Promise.all(
      refs.map(async ref => {
        const snapshotId = parseSnapshotRef(ref);
        if (snapshotId === undefined) {
          return { ref, environment: ref, label: ref };
        }
        if (!this.snapshots) {
          throw new Error('Snapshots are not available');
        }
        const summary = await this.snapshots.summary(snapshotId);
        return {
          ref,
          environment: summary.environment,
          snapshotId,
          label: snapshotLabel(summary),
        };
      }),
    );
  }

  /**
   * Reads the source and every target in parallel (live environments in a
   * read-only transaction each, snapshots from the store) and compares each
   * target with the source. A target that cannot be read gets an error entry
   * (a partial result); a source that cannot be read fails the call (503).
   * Its duration is measured (`opshub_devops_inspector_compare_duration_seconds`).
   */
  async compare(
    source: string,
    targets: string[],
    options: CompareOptions = {},
  ): Promise<MultiCompareResult> {
    return this.metrics.compareDuration.timeSeconds(
      () => this.compareOnce(source, targets, options),
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

  private read(ref: CompareRef, signal?: AbortSignal) {
    if (ref.snapshotId !== undefined) {
      return this.snapshots!.load(ref.snapshotId).then(s => s.catalog);
    }
    return snapshotOf(this.databases, ref.environment, signal);
  }

  private async compareOnce(
    sourceRef: string,
    targetRefs: string[],
    options: CompareOptions,
  ): Promise<MultiCompareResult> {
    const { actor, signal } = options;
    const [source, ...targets] = await this.resolve([sourceRef, ...targetRefs]);
    for (const side of [source, ...targets]) {
      if (side.snapshotId === undefined) {
        this.databases.require(side.environment);
      }
    }
    const progress = new ProgressReporter(source, targets, options.onProgress);
    const generatedAt = new Date();
    const [sourceSnapshot, ...targetSnapshots] = await Promise.allSettled(
      [source, ...targets].map((side, index) =>
        this.read(side, signal).finally(() => progress.read(index)),
      ),
    );
    const cancelled = () => {
      if (signal?.aborted) {
        throw new CompareCancelledError();
      }
    };
    try {
      cancelled();
      if (sourceSnapshot.status === 'rejected') {
        throw sourceSnapshot.reason;
      }
      const results: MultiCompareResult['results'] = [];
      for (const [index, target] of targets.entries()) {
        const snapshot = targetSnapshots[index];
        if (snapshot.status === 'rejected') {
          const error = failureMessage(
            snapshot.reason,
            'Unexpected error while reading the schema',
          );
          this.logger?.warn(
            `Schema compare: target ${target.label} failed: ${error}`,
          );
          results.push({ target: target.label, error });
          progress.diffed(index);
          continue;
        }
        progress.diffing(index);
        await yieldToEventLoop();
        cancelled();
        results.push(
          compareSnapshots(sourceSnapshot.value, snapshot.value, {
            source: source.label,
            target: target.label,
            generatedAt,
          }),
        );
        progress.diffed(index);
      }
      progress.done();
      await progress.flushed();
      if (actor && this.store) {
        await this.store.record({
          actor,
          action: 'schema.compare',
          environment: source.environment,
          details: {
            ...(source.snapshotId
              ? { sourceSnapshotId: source.snapshotId }
              : {}),
            targets: targets.map(t => t.environment),
            results: results.map((r, index) => ({
              target: targets[index].environment,
              ...(targets[index].snapshotId
                ? { snapshotId: targets[index].snapshotId }
                : {}),
              ...('error' in r
                ? { error: true }
                : {
                    total: r.summary.total,
                    breaking: r.summary.breakingCount,
                  }),
            })),
          },
        });
      }
      return {
        source: source.label,
        generatedAt: generatedAt.toISOString(),
        results,
      };
    } finally {
      // no update may arrive after the comparison ended
      await progress.flushed();
    }
  }
}
