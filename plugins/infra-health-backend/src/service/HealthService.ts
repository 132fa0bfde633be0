import { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  CheckWithStatus,
  HealthCheck,
  HealthSample,
  HealthSamplePage,
} from '@opshub/plugin-infra-health-common';
import { PageQuery } from '@opshub/opshub-common';
import { redactUrl } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import { HealthCheckDefinition, HealthStore } from '../database/HealthStore';
import { Prober } from './Prober';
import {
  computeHealthStatus,
  RECENT_SAMPLE_COUNT,
  summarizeSamples,
} from './status';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Half the probe tick: a check is due when its interval has nearly elapsed. */
const DUE_SLACK_MS = 5_000;
const PROBE_CONCURRENCY = 8;

/**
 * Business logic of the infra-health plugin: syncing the configured checks,
 * probing the due ones, pruning old samples and computing current status.
 *
 * @internal
 */
export class HealthService {
  private readonly store: HealthStore;
  private readonly prober: Prober;
  private readonly logger: LoggerService;
  private readonly sampleRetentionDays: number;
  private readonly now: () => Date;

  constructor(options: {
    store: HealthStore;
    prober: Prober;
    logger: LoggerService;
    sampleRetentionDays: number;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.prober = options.prober;
    this.logger = options.logger;
    this.sampleRetentionDays = options.sampleRetentionDays;
    this.now = options.now ?? (() => new Date());
  }

  /** Makes the stored checks match the configuration. */
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
    const checks = await this.store.listChecks(filter);
    const ids = checks.map(check => check.id);
    const [recent, window] = await Promise.all([
      this.store.recentSamples(ids, RECENT_SAMPLE_COUNT),
      this.store.samplesSince(ids, new Date(this.now().getTime() - DAY_MS)),
    ]);
    const recentByCheck = groupBy(recent, sample => sample.checkId);
    const windowByCheck = groupBy(window, sample => sample.checkId);
    return checks.map(check => {
      const latest = recentByCheck.get(check.id) ?? [];
      return {
        ...toPublicCheck(check),
        status: computeHealthStatus(latest),
        latestSample: latest[0] ?? null,
        ...summarizeSamples(windowByCheck.get(check.id) ?? []),
      };
    });
  }

  /** One check's samples, newest first; NotFoundError for unknown ids. */
  async listSamples(
    checkId: number,
    page: PageQuery,
  ): Promise<HealthSamplePage> {
    const check = await this.store.getCheck(checkId);
    if (!check) {
      throw new NotFoundError(`No health check with id ${checkId}`);
    }
    const { items, totalCount } = await this.store.listSamples(checkId, page);
    return toPage(items, totalCount, page);
  }

  /** Probes every check whose interval has elapsed; returns the new samples. */
  async probeDueChecks(): Promise<HealthSample[]> {
    const [checks, lastSampled] = await Promise.all([
      this.store.listChecks({}),
      this.store.lastSampledAt(),
    ]);
    const now = this.now().getTime();
    const due = checks.filter(check => {
      const last = lastSampled.get(check.id);
      return (
        !last ||
        now - last.getTime() + DUE_SLACK_MS >= check.intervalSeconds * 1000
      );
    });
    const samples: HealthSample[] = [];
    const queue = [...due];
    const worker = async () => {
      for (let check = queue.shift(); check; check = queue.shift()) {
        try {
          samples.push(await this.probeCheck(check));
        } catch (error) {
          this.logger.warn(
            `Could not record a sample of health check ${check.name}: ${error}`,
          );
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(PROBE_CONCURRENCY, due.length) }, worker),
    );
    return samples;
  }

  /** Probes one check now and records the sample. */
  async probeCheck(check: HealthCheck): Promise<HealthSample> {
    const sampledAt = this.now();
    const result = await this.prober.probe(check);
    if (result.status === 'down') {
      this.logger.debug(
        `Health check ${check.name} (${redactUrl(check.url)}) is down: ${
          result.error
        }`,
      );
    }
    return this.store.addSample({ checkId: check.id, sampledAt, ...result });
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

/** The check as the API shows it: without credentials in the URL. */
function toPublicCheck(check: HealthCheck): HealthCheck {
  return {
    id: check.id,
    name: check.name,
    service: check.service,
    url: redactUrl(check.url),
    method: check.method,
    expectedStatus: check.expectedStatus,
    intervalSeconds: check.intervalSeconds,
    timeoutMs: check.timeoutMs,
    degradedLatencyMs: check.degradedLatencyMs,
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
