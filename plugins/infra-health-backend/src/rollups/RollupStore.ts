import { CheckRollup } from '@opshub/plugin-infra-health-common';

/**
 * A rollup to write: one hour of one check.
 *
 * @internal
 */
export type NewCheckRollup = Omit<CheckRollup, 'hour'> & { hour: Date };

/**
 * Event counts for an availability SLI: `good` are the samples that were not
 * down (up or degraded).
 *
 * @internal
 */
export interface AvailabilityCounts {
  count: number;
  good: number;
}

/**
 * Storage of the hourly rollups, and the sample aggregates that SLOs over
 * health checks read.
 *
 * @internal
 */
export interface RollupStore {
  /** The samples of every check taken in [from, to). */
  samplesBetween(
    from: Date,
    to: Date,
  ): Promise<Array<{ checkId: number; status: string; latencyMs: number }>>;
  /** When the oldest stored sample was taken; undefined without samples. */
  earliestSampleAt(): Promise<Date | undefined>;
  /** Inserts the rollups, replacing those of the same check and hour. */
  upsertRollups(rollups: NewCheckRollup[]): Promise<void>;
  /** The latest hour that has a rollup. */
  latestRollupHour(): Promise<Date | undefined>;
  /** Rollups of the checks whose hour is in [from, to), oldest first. */
  listRollups(checkIds: number[], from: Date, to: Date): Promise<CheckRollup[]>;
  /** Deletes rollups whose hour is before `before`; returns how many. */
  deleteRollupsBefore(before: Date): Promise<number>;
  /** Sample counts of the checks taken in [from, to). */
  countSamples(
    checkIds: number[],
    from: Date,
    to: Date,
  ): Promise<AvailabilityCounts>;
  /** Summed rollup counts of the checks for the hours in [from, to). */
  sumRollups(
    checkIds: number[],
    from: Date,
    to: Date,
  ): Promise<AvailabilityCounts>;
}
