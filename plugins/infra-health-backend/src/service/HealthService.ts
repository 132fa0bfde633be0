import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  CheckWithStatus,
  HealthCheck,
  HealthSample,
  HealthSamplePage,
  MaintenanceWindow,
} from '@opshub/plugin-infra-health-common';
import { PageQuery, redactUrl } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import {
  ClaimedCheck,
  HealthCheckDefinition,
  HealthStore,
  NewHealthSample,
  RecordedSample,
  StoredCheck,
} from '../database/HealthStore';
import { createInfraHealthMetrics, InfraHealthMetrics } from '../metrics';
import { CheckInput, toDefinition } from './checkInput';
import { CheckStatusListener } from './CheckStatusListener';
import { publishCheckSignal } from './checkSignals';
import { Prober } from './Prober';
import {
  isInMaintenance,
  nextCheckState,
  RECENT_SAMPLE_COUNT,
  summarizeSamples,
} from './status';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Probes in flight at once per backend; more wait (and show as schedule lag). */
const DEFAULT_CONCURRENCY = 100;
/** Checks one round claims at most. */
const DEFAULT_CLAIM_LIMIT = 5000;

/**
 * When a probe started, for measuring schedule lag (the bench).
 *
 * @internal
 */
export interface ProbeStartInfo {
  checkId: number;
  /** When the check was due, epoch ms. */
  dueMs: number;
  /** When its probe started, epoch ms. */
  startedMs: number;
}

/**
 * Options of {@link HealthService}.
 *
 * @internal
 */
export interface HealthServiceOptions {
  store: HealthStore;
  prober: Prober;
  logger: LoggerService;
  sampleRetentionDays: number;
  /** Windows during which no check's status change is announced. */
  maintenanceWindows?: MaintenanceWindow[];
  /** Called on announced effective status changes; see {@link CheckStatusListener}. */
  onStatusChange?: CheckStatusListener;
  /** Publishes `infra-health:checks` when given. */
  signals?: SignalsService;
  /** Probes in flight at once; 100 by default. */
  concurrency?: number;
  onProbeStarted?: (info: ProbeStartInfo) => void;
  now?: () => Date;
  /** Check runs and latency (docs/metrics.md); from the global meter by default. */
  metrics?: InfraHealthMetrics;
}

/**
 * Business logic of the infra-health checks: syncing the configured checks,
 * managing API checks, claiming and probing due checks with flap tolerance
 * and maintenance windows, announcing status changes, pruning old samples
 * and computing current status.
 *
 * @internal
 */
export class HealthService {
  private readonly store: HealthStore;
  private readonly prober: Prober;
  private readonly logger: LoggerService;
  private readonly sampleRetentionDays: number;
  private readonly maintenanceWindows: MaintenanceWindow[];
  private readonly listeners: CheckStatusListener[] = [];
  private readonly signals?: SignalsService;
  private readonly concurrency: number;
  private readonly onProbeStarted?: (info: ProbeStartInfo) => void;
  private readonly now: () => Date;
  private readonly metrics: InfraHealthMetrics;
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly rounds = new Set<Promise<unknown>>();
  private readonly waiting: Array<() => void> = [];
  private inFlight = 0;
  private stopped = false;

  constructor(options: HealthServiceOptions) {
    this.store = options.store;
    this.prober = options.prober;
    this.logger = options.logger;
    this.sampleRetentionDays = options.sampleRetentionDays;
    this.maintenanceWindows = options.maintenanceWindows ?? [];
    if (options.onStatusChange) this.listeners.push(options.onStatusChange);
    this.signals = options.signals;
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.onProbeStarted = options.onProbeStarted;
    this.now = options.now ?? (() => new Date());
    this.metrics = options.metrics ?? createInfraHealthMetrics();
  }

  /** Adds a listener for announced status changes (e.g. the notifier). */
  addStatusListener(listener: CheckStatusListener): void {
    this.listeners.push(listener);
  }

  /** Makes the stored config checks match the configuration. */
  async syncChecks(checks: HealthCheckDefinition[]): Promise<void> {
    const { added, updated, removed } = await this.store.syncChecks(
      checks,
      this.now(),
    );
    this.logger.info(
      `Synced ${checks.length} health checks from config: ${added.length} added, ${updated.length} updated, ${removed.length} removed`,
    );
  }

  /** Checks with their current status, ordered by service then name. */
  async listChecks(filter: { service?: string }): Promise<CheckWithStatus[]> {
    return this.withStatus(await this.store.listChecks(filter));
  }

  /** One check with its current status; NotFoundError for unknown ids. */
  async getCheck(id: number): Promise<CheckWithStatus> {
    const [check] = await this.withStatus([await this.mustGet(id)]);
    return check;
  }

  private async mustGet(id: number): Promise<StoredCheck> {
    const check = await this.store.getCheck(id);
    if (!check) throw new NotFoundError(`No health check with id ${id}`);
    return check;
  }

  private async withStatus(checks: StoredCheck[]): Promise<CheckWithStatus[]> {
    const ids = checks.map(check => check.id);
    const now = this.now();
    const [recent, window] = await Promise.all([
      this.store.recentSamples(ids, RECENT_SAMPLE_COUNT),
      this.store.samplesSince(ids, new Date(now.getTime() - DAY_MS)),
    ]);
    const recentByCheck = groupBy(recent, sample => sample.checkId);
    const windowByCheck = groupBy(window, sample => sample.checkId);
    return checks.map(check => {
      const inMaintenance = this.inMaintenance(check, now);
      return {
        ...toPublicCheck(check),
        status: inMaintenance ? 'maintenance' : check.effectiveStatus,
        effectiveStatus: check.effectiveStatus,
        inMaintenance,
        statusChangedAt: check.statusChangedAt,
        latestSample: recentByCheck.get(check.id)?.[0] ?? null,
        ...summarizeSamples(windowByCheck.get(check.id) ?? []),
      };
    });
  }

  private inMaintenance(
    check: Pick<HealthCheck, 'maintenanceWindows'>,
    at: Date,
  ): boolean {
    return (
      isInMaintenance(check.maintenanceWindows, at) ||
      isInMaintenance(this.maintenanceWindows, at)
    );
  }

  /** One check's samples, newest first; NotFoundError for unknown ids. */
  async listSamples(
    checkId: number,
    page: PageQuery,
  ): Promise<HealthSamplePage> {
    await this.mustGet(checkId);
    const { items, totalCount } = await this.store.listSamples(checkId, page);
    return toPage(items, totalCount, page);
  }

  /** Adds an API check, probed on the next round. */
  async createCheck(input: CheckInput): Promise<CheckWithStatus> {
    const created = await this.store.createCheck(
      toDefinition(input),
      this.now(),
    );
    await publishCheckSignal(this.signals, this.logger, {
      type: 'check.changed',
      checkId: created.id,
      service: created.service,
      change: 'created',
    });
    return (await this.withStatus([created]))[0];
  }

  /**
   * Replaces an API check. Secrets the API never shows are kept: an http URL
   * or postgres connection equal to its redacted form keeps the stored one,
   * and omitted headers keep the stored headers.
   */
  async updateCheck(id: number, input: CheckInput): Promise<CheckWithStatus> {
    const existing = await this.mustGet(id);
    const definition = toDefinition(input);
    if (existing.kind === definition.kind) {
      if (
        (definition.kind === 'http' || definition.kind === 'postgres') &&
        definition.url === redactUrl(existing.url)
      ) {
        definition.url = existing.url;
      }
      if (
        definition.kind === 'http' &&
        input.kind === 'http' &&
        input.headers === undefined
      ) {
        definition.headers = existing.headers;
        if (existing.settings.headerNames) {
          definition.settings.headerNames = existing.settings.headerNames;
        }
      }
    }
    const updated = await this.store.updateCheck(id, definition, this.now());
    if (!updated) throw new NotFoundError(`No health check with id ${id}`);
    await publishCheckSignal(this.signals, this.logger, {
      type: 'check.changed',
      checkId: id,
      service: updated.service,
      change: 'updated',
    });
    return (await this.withStatus([updated]))[0];
  }

  /** Deletes an API check with its samples. */
  async deleteCheck(id: number): Promise<void> {
    const existing = await this.mustGet(id);
    if (!(await this.store.deleteCheck(id))) {
      throw new NotFoundError(`No health check with id ${id}`);
    }
    await publishCheckSignal(this.signals, this.logger, {
      type: 'check.changed',
      checkId: id,
      service: existing.service,
      change: 'deleted',
    });
  }

  /**
   * Claims the checks due now and probes them at once; resolves with the
   * recorded samples. For tests and manual runs; the scheduler uses
   * {@link HealthService.startProbeRound}.
   */
  async probeDueChecks(): Promise<HealthSample[]> {
    const claimed = await this.store.claimDueChecks({
      nowMs: this.now().getTime(),
      lookaheadMs: 0,
      limit: DEFAULT_CLAIM_LIMIT,
    });
    return (await this.runRound(claimed)).map(r => r.sample);
  }

  /**
   * One scheduler tick: claims the checks due within `lookaheadMs` (so each
   * runs once per interval across backends), then probes each at its due
   * time in the background and records the round's samples with one
   * multi-row insert. Resolves once claimed, with how many checks.
   */
  async startProbeRound(options: { lookaheadMs: number }): Promise<number> {
    if (this.stopped) return 0;
    const claimed = await this.store.claimDueChecks({
      nowMs: this.now().getTime(),
      lookaheadMs: options.lookaheadMs,
      limit: DEFAULT_CLAIM_LIMIT,
    });
    if (claimed.length > 0) {
      const round = this.runRound(claimed).catch(error => {
        // the driver's message can quote the whole statement
        this.logger.error(
          `Health probe round of ${claimed.length} checks failed: ${String(
            error,
          ).slice(0, 300)}`,
        );
      });
      this.rounds.add(round);
      round.finally(() => this.rounds.delete(round));
    }
    return claimed.length;
  }

  /** Resolves when every started round is recorded. */
  async idle(): Promise<void> {
    while (this.rounds.size > 0) {
      await Promise.all([...this.rounds]);
    }
  }

  /** Stops starting probes; waits for the rounds in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const [timer, cancel] of this.timers) {
      clearTimeout(timer);
      cancel();
    }
    this.timers.clear();
    await this.idle();
  }

  private async runRound(claimed: ClaimedCheck[]): Promise<RecordedSample[]> {
    const results = await Promise.all(
      claimed.map(check => this.at(check.dueMs, () => this.probeOne(check))),
    );
    const samples = results.filter((s): s is NewHealthSample => !!s);
    return this.record(samples, new Map(claimed.map(c => [c.id, c])));
  }

  /** Runs `fn` at `dueMs` (now if past), within the concurrency limit; undefined once stopped. */
  private at<T>(dueMs: number, fn: () => Promise<T>): Promise<T | undefined> {
    const delay = dueMs - this.now().getTime();
    const start = () => this.limited(fn);
    if (delay <= 0) return start();
    return new Promise<T | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        start().then(resolve, reject);
      }, delay);
      // stop() clears the timer and resolves, so the round records the rest
      this.timers.set(timer, () => resolve(undefined));
    });
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T | undefined> {
    if (this.stopped) return undefined;
    if (this.inFlight >= this.concurrency) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.inFlight += 1;
    try {
      return await fn();
    } finally {
      this.inFlight -= 1;
      this.waiting.shift()?.();
    }
  }

  private async probeOne(check: ClaimedCheck): Promise<NewHealthSample> {
    const sampledAt = this.now();
    this.onProbeStarted?.({
      checkId: check.id,
      dueMs: check.dueMs,
      startedMs: sampledAt.getTime(),
    });
    const result = await this.prober.probe(check);
    this.metrics.checkRuns.add({ kind: check.kind, status: result.status });
    this.metrics.checkLatency.record(result.latencyMs, { kind: check.kind });
    if (result.status === 'down') {
      this.logger.debug(
        `Health check ${check.name} (${redactUrl(check.url)}) is down: ${
          result.error
        }`,
      );
    }
    return { checkId: check.id, sampledAt, ...result };
  }

  /** Probes one check now and records the sample (with its state change). */
  async probeCheck(check: StoredCheck): Promise<HealthSample> {
    const sample = await this.probeOne({ ...check, dueMs: Date.now() });
    const [recorded] = await this.record(
      [sample],
      new Map([[check.id, check]]),
    );
    return recorded.sample;
  }

  private async record(
    samples: NewHealthSample[],
    checks: Map<number, StoredCheck>,
  ): Promise<RecordedSample[]> {
    const recorded = await this.store.recordSamples(
      samples,
      (state, sample, checkId) => {
        const check = checks.get(checkId)!;
        return nextCheckState(state, sample, {
          failureThreshold: check.failureThreshold,
          successThreshold: check.successThreshold,
          inMaintenance: this.inMaintenance(check, sample.sampledAt),
        });
      },
    );
    for (const { sample, before, after } of recorded) {
      const check = checks.get(sample.checkId)!;
      if (before.effectiveStatus !== after.effectiveStatus) {
        await publishCheckSignal(this.signals, this.logger, {
          type: 'check.status',
          checkId: check.id,
          service: check.service,
          from: before.effectiveStatus,
          to: after.effectiveStatus,
        });
      }
      const from = before.notifiedStatus;
      const to = after.notifiedStatus;
      // a new check's first answer is no news
      if (from !== to && !(from === 'unknown' && to === 'healthy')) {
        await this.announce(check, from, to);
      }
    }
    return recorded;
  }

  private async announce(
    check: StoredCheck,
    from: CheckWithStatus['status'],
    to: CheckWithStatus['status'],
  ) {
    this.logger.info(
      `Health check ${check.name} of ${check.service} changed from ${from} to ${to}`,
    );
    for (const listener of this.listeners) {
      try {
        await listener(toPublicCheck(check), from, to);
      } catch (error) {
        this.logger.warn(
          `A status listener failed for health check ${check.name}: ${error}`,
        );
      }
    }
  }

  /** Deletes samples older than the retention; returns how many. */
  async pruneSamples(): Promise<number> {
    const before = new Date(
      this.now().getTime() - this.sampleRetentionDays * DAY_MS,
    );
    const deleted = await this.store.deleteSamplesBefore(before);
    if (deleted > 0) {
      this.logger.info(
        `Pruned ${deleted} health samples older than ${this.sampleRetentionDays} days`,
      );
    }
    return deleted;
  }
}

/** The check as the API shows it: no credentials, header values nor state. */
export function toPublicCheck(check: StoredCheck | HealthCheck): HealthCheck {
  return {
    id: check.id,
    name: check.name,
    service: check.service,
    kind: check.kind,
    source: check.source,
    url: redactUrl(check.url),
    method: check.method,
    expectedStatus: check.expectedStatus,
    intervalSeconds: check.intervalSeconds,
    timeoutMs: check.timeoutMs,
    degradedLatencyMs: check.degradedLatencyMs,
    failureThreshold: check.failureThreshold,
    successThreshold: check.successThreshold,
    runbookUrl: check.runbookUrl,
    maintenanceWindows: check.maintenanceWindows,
    settings: check.settings,
    createdAt: check.createdAt,
    updatedAt: check.updatedAt,
  };
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
