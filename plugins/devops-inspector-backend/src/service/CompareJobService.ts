import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  CompareJob,
  compareJobSignalChannel,
  CompareJobProgress,
  CompareJobRequest,
  CompareJobSignal,
  MultiCompareResult,
} from '@opshub/plugin-devops-inspector-common';
import { randomUUID } from 'crypto';
import { ActivityStore } from '../database/ActivityStore';
import { CompareJobStore, StoredCompareJob } from '../database/CompareJobStore';
import { failureMessage } from '../database/EnvironmentDatabases';
import { CompareOptions, CompareRef } from './SchemaCompareService';
import { compressJson, decompressJson } from './SnapshotService';

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/** How often a running job checks whether it was cancelled. */
const DEFAULT_POLL_INTERVAL_MS = 500;
/** How often a running job tells the others it is alive. */
const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;
/** A running job without progress nor heartbeat for this long has died. */
const DEFAULT_STALE_AFTER_MS = 2 * 60_000;

const STALE_ERROR =
  'The backend instance running the comparison stopped before it finished';
const SHUTDOWN_ERROR =
  'The backend instance running the comparison shut down before it finished';

/**
 * What the jobs need of the comparison.
 *
 * @internal
 */
export interface JobComparer {
  compare(
    source: string,
    targets: string[],
    options?: CompareOptions,
  ): Promise<MultiCompareResult>;
}

/**
 * Schema comparisons in the background. A job runs on the backend instance
 * that accepted it; its row in `compare_jobs` (state, progress, compressed
 * result) lets every instance answer for it. Each progress step is written
 * to the row and published as a signal to the job's creator. A cancel marks
 * the row: the running instance notices within `pollIntervalMs` (at once
 * when it is the same instance) and cancels its catalog queries. A running
 * job whose instance stopped sending heartbeats is failed when read.
 *
 * @internal
 */
export class CompareJobService {
  private readonly store: CompareJobStore;
  private readonly comparer: JobComparer;
  private readonly activity?: ActivityStore;
  private readonly signals?: SignalsService;
  private readonly logger?: LoggerService;
  private readonly now: () => Date;
  private readonly pollIntervalMs: number;
  private readonly heartbeatIntervalMs: number;
  private readonly staleAfterMs: number;
  /** The jobs running on this instance. */
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<void> }
  >();
  private stopping = false;

  constructor(options: {
    store: CompareJobStore;
    comparer: JobComparer;
    activity?: ActivityStore;
    signals?: SignalsService;
    logger?: LoggerService;
    now?: () => Date;
    pollIntervalMs?: number;
    heartbeatIntervalMs?: number;
    staleAfterMs?: number;
  }) {
    this.store = options.store;
    this.comparer = options.comparer;
    this.activity = options.activity;
    this.signals = options.signals;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.heartbeatIntervalMs =
      options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  }

  /**
   * Starts comparing `source` with `targets` (already resolved and
   * authorized) in the background and returns the running job.
   */
  async start(
    source: CompareRef,
    targets: CompareRef[],
    actor: string,
  ): Promise<CompareJob> {
    if (this.stopping) {
      throw new Error('The backend is shutting down');
    }
    const id = randomUUID();
    const request: CompareJobRequest = {
      source: source.ref,
      targets: targets.map(t => t.ref),
    };
    const progress: CompareJobProgress = {
      phase: 'source',
      completed: 0,
      total: 1 + targets.length * 2,
      message: 'Starting',
    };
    const now = this.now();
    await this.store.create({
      id,
      createdBy: actor,
      request: { ...request, environment: source.environment },
      progress,
      now,
    });
    await this.activity?.record({
      actor,
      action: 'compare.job.start',
      environment: source.environment,
      details: {
        jobId: id,
        source: source.ref,
        targets: targets.map(t => t.environment),
      },
    });
    const job: CompareJob = {
      id,
      state: 'running',
      createdAt: now.toISOString(),
      progress,
    };
    const controller = new AbortController();
    const done = this.run(job, request, actor, controller).finally(() =>
      this.running.delete(id),
    );
    this.running.set(id, { controller, done });
    return job;
  }

  /** The caller's job; 404 when unknown or someone else's. */
  async get(id: string, actor: string): Promise<CompareJob> {
    return this.toJob(await this.require(id, actor), true);
  }

  /**
   * Cancels the caller's running job and its catalog queries; 404 when
   * unknown or someone else's, 409 when it already ended.
   */
  async cancel(id: string, actor: string): Promise<CompareJob> {
    const stored = await this.require(id, actor);
    if (
      stored.state !== 'running' ||
      !(await this.store.cancel(id, this.now()))
    ) {
      const current = await this.require(id, actor);
      throw new ConflictError(
        `Compare job ${id} has already ended (${current.state})`,
      );
    }
    this.running.get(id)?.controller.abort();
    await this.activity?.record({
      actor,
      action: 'compare.job.cancel',
      environment: stored.request.environment,
      details: { jobId: id },
    });
    const job = await this.toJob(await this.require(id, actor), false);
    await this.publish(actor, job);
    return job;
  }

  /** Deletes the jobs that ended before `before`; returns how many. */
  async prune(before: Date): Promise<number> {
    return this.store.pruneFinished(before);
  }

  /** Resolves when the job running on this instance has ended (tests). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.done;
  }

  /**
   * Stops every job running on this instance (at shutdown): their queries
   * are cancelled and they are marked failed.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    const jobs = [...this.running.values()];
    for (const job of jobs) {
      job.controller.abort();
    }
    await Promise.all(jobs.map(job => job.done));
  }

  private async require(id: string, actor: string): Promise<StoredCompareJob> {
    let stored = await this.store.get(id);
    if (!stored || stored.createdBy !== actor) {
      throw new NotFoundError(`No compare job with id ${id}`);
    }
    if (
      stored.state === 'running' &&
      !this.running.has(id) &&
      stored.updatedAt.getTime() < this.now().getTime() - this.staleAfterMs &&
      (await this.store.failIfStale(
        id,
        new Date(this.now().getTime() - this.staleAfterMs),
        STALE_ERROR,
        this.now(),
      ))
    ) {
      this.logger?.warn(`Compare job ${id} had no heartbeat: marked failed`);
      stored = (await this.store.get(id))!;
    }
    return stored;
  }

  private async toJob(
    stored: StoredCompareJob,
    withResult: boolean,
  ): Promise<CompareJob> {
    return {
      id: stored.id,
      state: stored.state,
      createdAt: stored.createdAt.toISOString(),
      ...(stored.finishedAt
        ? { finishedAt: stored.finishedAt.toISOString() }
        : {}),
      progress: stored.progress,
      ...(stored.error !== null ? { error: stored.error } : {}),
      ...(withResult && stored.result
        ? { result: await decompressJson<MultiCompareResult>(stored.result) }
        : {}),
    };
  }

  private async run(
    job: CompareJob,
    request: CompareJobRequest,
    actor: string,
    controller: AbortController,
  ): Promise<void> {
    const { id } = job;
    const { signal } = controller;
    let progress = job.progress;
    const stopWatching = this.watch(id, controller);
    try {
      const result = await this.comparer.compare(
        request.source,
        request.targets,
        {
          actor,
          signal,
          onProgress: async next => {
            progress = next;
            try {
              if (!(await this.store.updateProgress(id, next, this.now()))) {
                controller.abort();
                return;
              }
              await this.publish(actor, { ...job, progress: next });
            } catch (error) {
              this.logger?.warn(
                `Could not record the progress of compare job ${id}: ${error}`,
              );
            }
          },
        },
      );
      stopWatching();
      if (signal.aborted) {
        await this.endAborted(job, actor, progress);
        return;
      }
      await this.end(job, actor, {
        state: 'succeeded',
        result: await compressJson(result),
        progress,
      });
    } catch (error) {
      stopWatching();
      if (signal.aborted) {
        await this.endAborted(job, actor, progress);
        return;
      }
      const message =
        error instanceof NotFoundError
          ? error.message
          : failureMessage(error, 'Unexpected error while comparing');
      this.logger?.warn(`Compare job ${id} failed: ${message}`);
      await this.end(job, actor, { state: 'failed', error: message, progress });
    }
  }

  /** A job stopped by a cancel (already recorded) or by the shutdown. */
  private async endAborted(
    job: CompareJob,
    actor: string,
    progress: CompareJobProgress,
  ) {
    if (this.stopping) {
      await this.end(job, actor, {
        state: 'failed',
        error: SHUTDOWN_ERROR,
        progress,
      });
    }
  }

  private async end(
    job: CompareJob,
    actor: string,
    outcome:
      | { state: 'succeeded'; result: Buffer; progress: CompareJobProgress }
      | { state: 'failed'; error: string; progress: CompareJobProgress },
  ) {
    try {
      const now = this.now();
      // only while still running: a cancel that came first wins
      if (await this.store.finish(job.id, outcome, now)) {
        await this.publish(actor, {
          ...job,
          state: outcome.state,
          finishedAt: now.toISOString(),
          progress: outcome.progress,
          ...(outcome.state === 'failed' ? { error: outcome.error } : {}),
        });
      }
    } catch (error) {
      this.logger?.error(
        `Could not record the end of compare job ${job.id}: ${error}`,
      );
    }
  }

  /**
   * Polls the job's row while it runs: aborts when it is no longer running
   * (cancelled by any instance), and sends a heartbeat now and then.
   * Returns the function that stops polling.
   */
  private watch(id: string, controller: AbortController): () => void {
    let busy = false;
    let lastHeartbeat = this.now().getTime();
    const timer = setInterval(async () => {
      if (busy || controller.signal.aborted) {
        return;
      }
      busy = true;
      try {
        const now = this.now();
        const alive =
          now.getTime() - lastHeartbeat >= this.heartbeatIntervalMs
            ? await this.store.heartbeat(id, now)
            : (await this.store.stateOf(id)) === 'running';
        if (now.getTime() - lastHeartbeat >= this.heartbeatIntervalMs) {
          lastHeartbeat = now.getTime();
        }
        if (!alive) {
          controller.abort();
        }
      } catch (error) {
        this.logger?.warn(`Could not poll compare job ${id}: ${error}`);
      } finally {
        busy = false;
      }
    }, this.pollIntervalMs);
    return () => clearInterval(timer);
  }

  private async publish(actor: string, job: CompareJobSignal) {
    if (!this.signals || !actor.startsWith('user:')) {
      return;
    }
    const message: CompareJobSignal = {
      id: job.id,
      state: job.state,
      createdAt: job.createdAt,
      ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
      progress: job.progress,
      ...(job.error !== undefined ? { error: job.error } : {}),
    };
    try {
      await this.signals.publish({
        recipients: { type: 'user', entityRef: actor },
        channel: compareJobSignalChannel(job.id),
        message: JSON.parse(JSON.stringify(message)) as SignalMessage,
      });
    } catch (error) {
      this.logger?.warn(
        `Could not publish the progress of compare job ${job.id}: ${error}`,
      );
    }
  }
}
