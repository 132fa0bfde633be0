import { SloBurnRatePair } from '@opshub/plugin-infra-health-common';

/**
 * The multi-window, multi-burn-rate pairs of the SRE workbook (chapter 5,
 * "Alerting on SLOs"): 2% of a 30-day budget in 1 hour (14.4x), 5% in 6 hours
 * (6x), 10% in 3 days (1x).
 *
 * @internal
 */
export const BURN_RATE_PAIRS: ReadonlyArray<{
  longWindow: string;
  shortWindow: string;
  factor: number;
}> = [
  { longWindow: '1h', shortWindow: '5m', factor: 14.4 },
  { longWindow: '6h', shortWindow: '30m', factor: 6 },
  { longWindow: '3d', shortWindow: '6h', factor: 1 },
];

/**
 * How fast the error budget burns: the error ratio over a window divided by
 * the ratio the objective allows, `(1 - sli) / (1 - objective / 100)`. 1 spends
 * the budget exactly over the SLO window. Null without data.
 *
 * @internal
 */
export function burnRate(sli: number | null, objective: number): number | null {
  if (sli === null || !Number.isFinite(sli)) return null;
  // twelve significant digits: 0.999 at 99.9% is a burn rate of exactly 1, not
  // 1.0000000000000009, so a pair at its factor does not fire
  return Number(((1 - sli) / (1 - objective / 100)).toPrecision(12));
}

/**
 * Share of the error budget left: `1 - burnRate(sli over the SLO window)`.
 * 1 is untouched, 0 spent, negative overspent. Null without data.
 *
 * @internal
 */
export function errorBudgetRemaining(
  sli: number | null,
  objective: number,
): number | null {
  const rate = burnRate(sli, objective);
  return rate === null ? null : 1 - rate;
}

/**
 * The burn-rate pairs from the SLI of each window (keyed by window string).
 * A pair fires when both of its burn rates are above its factor; a window
 * without data never fires.
 *
 * @internal
 */
export function evaluateBurnRates(
  slis: ReadonlyMap<string, number | null>,
  objective: number,
): SloBurnRatePair[] {
  return BURN_RATE_PAIRS.map(pair => {
    const longBurnRate = burnRate(slis.get(pair.longWindow) ?? null, objective);
    const shortBurnRate = burnRate(
      slis.get(pair.shortWindow) ?? null,
      objective,
    );
    return {
      ...pair,
      longBurnRate,
      shortBurnRate,
      firing:
        longBurnRate !== null &&
        shortBurnRate !== null &&
        longBurnRate > pair.factor &&
        shortBurnRate > pair.factor,
    };
  });
}

/** Every window whose SLI the burn-rate pairs need. */
export const BURN_RATE_WINDOWS: string[] = [
  ...new Set(BURN_RATE_PAIRS.flatMap(p => [p.longWindow, p.shortWindow])),
];
