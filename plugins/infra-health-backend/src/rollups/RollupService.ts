import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CheckRollup } from '@opshub/plugin-infra-health-common';
import { HealthStore } from '../database/HealthStore';
import { percentile } from '../service/status';
import { NewCheckRollup, RollupStore } from './RollupStore';

/** @internal */
export const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How long hourly rollups are kept. */
export const ROLLUP_RETENTION_DAYS = 90;
/** The longest range `GET /checks/:id/rollups` answers. */
const MAX_RANGE_MS = ROLLUP_RETENTION_DAYS * DAY_MS;

/** @internal */
export const floorHour = (time: number) => Math.floor(time / HOUR_MS) * HOUR_MS;

/**
 * Rolls the raw health samples up into one row per check and completed hour
 * (counts by status, p50/p95 latency of the samples that were not down), and
 * keeps those rows for {@link ROLLUP_RETENTION_DAYS} days.
 *
 * @internal
 */
export class RollupService {
  private readonly store: RollupStore;
  private readonly healthStore: HealthStore;
  private readonly logger: LoggerService;
  private readonly sampleRetentionDays: number;
  private readonly now: () => Date;

  constructor(options: {
    store: RollupStore;
    healthStore: HealthStore;
    logger: LoggerService;
    sampleRetentionDays: number;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.healthStore = options.healthStore;
    this.logger = options.logger;
    this.sampleRetentionDays = options.sampleRetentionDays;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Computes the rollups of every completed hour since the last rolled-up one
   * and upserts them. The last rolled-up hour is computed again, so samples
   * written late (batched writes) are counted. Hours whose samples may already
   * be partly pruned are left out. Idempotent; returns the rows written.
   */
  async rollupCompletedHours(): Promise<number> {
    const now = this.now().getTime();
    const currentHour = floorHour(now);
    // the oldest hour whose samples are all still kept
    const oldestComplete =
      floorHour(now - this.sampleRetentionDays * DAY_MS) + HOUR_MS;
    const latest = await this.store.latestRollupHour();
    let start: number;
    if (latest) {
      start = latest.getTime();
    } else {
      const earliest = await this.store.earliestSampleAt();
      if (!earliest) return 0;
      start = floorHour(earliest.getTime());
    }
    start = Math.max(start, oldestComplete);
    let written = 0;
    for (let hour = start; hour < currentHour; hour += HOUR_MS) {
      const rollups = rollUp(
        new Date(hour),
        await this.store.samplesBetween(
          new Date(hour),
          new Date(hour + HOUR_MS),
        ),
      );
      await this.store.upsertRollups(rollups);
      written += rollups.length;
    }
    if (written > 0) {
      this.logger.debug(`Wrote ${written} hourly health-check rollups`);
    }
    return written;
  }

  /** Deletes rollups older than 90 days; returns how many. */
  async pruneRollups(): Promise<number> {
    const before = new Date(
      this.now().getTime() - ROLLUP_RETENTION_DAYS * DAY_MS,
    );
    const deleted = await this.store.deleteRollupsBefore(before);
    if (deleted > 0) {
      this.logger.info(
        `Pruned ${deleted} health-check rollups older than ${ROLLUP_RETENTION_DAYS} days`,
      );
    }
    return deleted;
  }

  /**
   * One check's rollups whose hour is in [from, to), oldest first. `to`
   * defaults to now and `from` to 24 hours before `to`. NotFoundError for an
   * unknown check, InputError for a reversed or longer than 90-day range.
   */
  async listRollups(
    checkId: number,
    range: { from?: Date; to?: Date },
  ): Promise<CheckRollup[]> {
    const to = range.to ?? this.now();
    const from = range.from ?? new Date(to.getTime() - DAY_MS);
    if (from >= to) {
      throw new InputError('Invalid query: from must be before to');
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
      throw new InputError(
        `Invalid query: the range from..to must be at most ${ROLLUP_RETENTION_DAYS} days`,
      );
    }
    if (!(await this.healthStore.getCheck(checkId))) {
      throw new NotFoundError(`No health check with id ${checkId}`);
    }
    return this.store.listRollups([checkId], from, to);
  }
}

/**
 * The rollups of one hour from its samples, one per check that has samples.
 *
 * @internal
 */
export function rollUp(
  hour: Date,
  samples: ReadonlyArray<{
    checkId: number;
    status: string;
    latencyMs: number;
  }>,
): NewCheckRollup[] {
  const byCheck = new Map<number, (typeof samples)[number][]>();
  for (const sample of samples) {
    const group = byCheck.get(sample.checkId);
    if (group) group.push(sample);
    else byCheck.set(sample.checkId, [sample]);
  }
  return [...byCheck.entries()]
    .sort(([a], [b]) => a - b)
    .map(([checkId, group]) => {
      const answered = group
        .filter(sample => sample.status !== 'down')
        .map(sample => sample.latencyMs);
      return {
        checkId,
        hour,
        count: group.length,
        upCount: group.filter(sample => sample.status === 'up').length,
        degradedCount: group.filter(sample => sample.status === 'degraded')
          .length,
        latencyP50Ms: percentile(answered, 50) ?? null,
        latencyP95Ms: percentile(answered, 95) ?? null,
      };
    });
}
