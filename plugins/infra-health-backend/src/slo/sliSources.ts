import { Slo } from '@opshub/plugin-infra-health-common';
import { HealthStore } from '../database/HealthStore';
import { floorHour, HOUR_MS } from '../rollups/RollupService';
import { AvailabilityCounts, RollupStore } from '../rollups/RollupStore';
import { PrometheusClient } from './PrometheusClient';
import { sliQuery } from './queries';
import { formatWindow } from './window';

const DAY_MS = 24 * HOUR_MS;

/**
 * Where an SLO's SLI comes from.
 *
 * @internal
 */
export interface SliSource {
  /** Good / all events over the `windowMs` that ends at `at`; null for none. */
  ratio(slo: Slo, windowMs: number, at: Date): Promise<number | null>;
  /**
   * The SLI of each `stepMs` bucket whose end is in (start, end], one point
   * per step ending at `end`.
   */
  range(
    slo: Slo,
    start: Date,
    end: Date,
    stepMs: number,
  ): Promise<Array<{ time: Date; sli: number | null }>>;
}

/** The ends of the buckets: end, end - step, ... while > start; oldest first. */
export function bucketEnds(start: Date, end: Date, stepMs: number): Date[] {
  const ends: Date[] = [];
  for (let t = end.getTime(); t > start.getTime(); t -= stepMs) {
    ends.unshift(new Date(t));
  }
  return ends;
}

/**
 * SLIs from Prometheus, with the query of {@link sliQuery}: an instant query
 * for a window, and a range query whose inner range is the step for charts.
 *
 * @internal
 */
export class PrometheusSliSource implements SliSource {
  constructor(private readonly client: PrometheusClient) {}

  ratio(slo: Slo, windowMs: number, at: Date) {
    return this.client.query(
      sliQuery(slo.good!, slo.total!, formatWindow(windowMs)),
      at,
    );
  }

  async range(slo: Slo, start: Date, end: Date, stepMs: number) {
    const ends = bucketEnds(start, end, stepMs);
    if (ends.length === 0) return [];
    const points = await this.client.queryRange(
      sliQuery(slo.good!, slo.total!, formatWindow(stepMs)),
      ends[0],
      ends[ends.length - 1],
      stepMs,
    );
    const byTime = new Map(points.map(p => [p.time.getTime(), p.value]));
    return ends.map(time => ({
      time,
      sli: byTime.get(time.getTime()) ?? null,
    }));
  }
}

/**
 * SLIs from the health checks of the SLO's service: the share of samples that
 * were not down (`up` and `degraded` are good: the service answered as
 * expected; a latency SLO is not covered). Raw samples are counted where they
 * are still kept; older parts of a window come from the hourly rollups, so
 * they are counted by whole hours.
 *
 * @internal
 */
export class ChecksSliSource implements SliSource {
  constructor(
    private readonly options: {
      healthStore: HealthStore;
      rollups: RollupStore;
      sampleRetentionDays: number;
      now: () => Date;
    },
  ) {}

  async ratio(slo: Slo, windowMs: number, at: Date) {
    const ids = await this.checkIds(slo);
    return toRatio(
      await this.counts(ids, new Date(at.getTime() - windowMs), at),
    );
  }

  async range(slo: Slo, start: Date, end: Date, stepMs: number) {
    const ids = await this.checkIds(slo);
    const points: Array<{ time: Date; sli: number | null }> = [];
    for (const time of bucketEnds(start, end, stepMs)) {
      const counts = await this.counts(
        ids,
        new Date(time.getTime() - stepMs),
        time,
      );
      points.push({ time, sli: toRatio(counts) });
    }
    return points;
  }

  private async checkIds(slo: Slo): Promise<number[]> {
    return (
      await this.options.healthStore.listChecks({ service: slo.service })
    ).map(check => check.id);
  }

  /** Counts in [from, to): samples after the retention edge, rollups before. */
  private async counts(
    ids: number[],
    from: Date,
    to: Date,
  ): Promise<AvailabilityCounts> {
    const { rollups, sampleRetentionDays, now } = this.options;
    // the oldest hour whose samples are all still kept
    const sampleEdge = new Date(
      floorHour(now().getTime() - sampleRetentionDays * DAY_MS) + HOUR_MS,
    );
    const fromSamples = await rollups.countSamples(
      ids,
      from > sampleEdge ? from : sampleEdge,
      to,
    );
    if (from >= sampleEdge) return fromSamples;
    const fromRollups = await rollups.sumRollups(
      ids,
      new Date(Math.ceil(from.getTime() / HOUR_MS) * HOUR_MS),
      to < sampleEdge ? to : sampleEdge,
    );
    return {
      count: fromSamples.count + fromRollups.count,
      good: fromSamples.good + fromRollups.good,
    };
  }
}

function toRatio(counts: AvailabilityCounts): number | null {
  return counts.count === 0 ? null : counts.good / counts.count;
}
