const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** The longest SLO window, the rollup retention. */
export const MAX_WINDOW_MS = 90 * UNIT_MS.d;

/** The window syntax: one positive integer and one unit, `30d`. */
export const WINDOW_PATTERN = /^([1-9]\d{0,5})([smhdw])$/;

/**
 * Parses an SLO window such as `5m`, `1h`, `7d`, `30d` or `4w` into
 * milliseconds: one positive integer and one of the units s, m, h, d, w (the
 * same syntax as a PromQL duration, so the string goes into a range selector
 * as it is). Throws an Error naming the problem otherwise.
 *
 * @internal
 */
export function parseWindow(window: string): number {
  const match = WINDOW_PATTERN.exec(window);
  if (!match) {
    throw new Error(
      `window must be a number and one unit of s, m, h, d, w (e.g. 30d), got '${window}'`,
    );
  }
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  if (ms < UNIT_MS.m) {
    throw new Error(`window must be at least 1m, got '${window}'`);
  }
  if (ms > MAX_WINDOW_MS) {
    throw new Error(`window must be at most 90d, got '${window}'`);
  }
  return ms;
}

/**
 * Milliseconds as the shortest exact duration string: `3600000` is `1h`.
 *
 * @internal
 */
export function formatWindow(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's']) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}
