/** What every formatter shows for a missing value. @public */
export const UNKNOWN_TEXT = '—';

/**
 * A latency, the one rule for every OpsHub page: one decimal below 10 ms
 * (`1.2 ms`), whole milliseconds from 10 ms (`123 ms`, `1,234 ms`), and an em
 * dash when unknown.
 *
 * @public
 */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) {
    return UNKNOWN_TEXT;
  }
  const tenths = Math.round(ms * 10) / 10;
  if (Math.abs(tenths) < 10) {
    return `${tenths.toFixed(1)} ms`;
  }
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

/**
 * A duration in seconds as days, hours, minutes and seconds, from the first
 * non-zero unit: `3725` → `1h 2m 5s`, `42` → `42s`.
 *
 * @public
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const parts = [
    [Math.floor(s / 86400), 'd'],
    [Math.floor((s % 86400) / 3600), 'h'],
    [Math.floor((s % 3600) / 60), 'm'],
  ] as const;
  const head = parts
    .filter(([n], i) => n > 0 || parts.slice(0, i).some(([m]) => m > 0))
    .map(([n, unit]) => `${n}${unit}`);
  return [...head, `${s % 60}s`].join(' ');
}

const BYTE_UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];

/**
 * A size in powers of 1024, like `pg_size_pretty`: `1536` → `1.5 kB`.
 *
 * @public
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0
    ? `${value} bytes`
    : `${value.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/**
 * A percentage with at most two decimals (`99.5%`), or an em dash.
 *
 * @public
 */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined) {
    return UNKNOWN_TEXT;
  }
  return `${Number(percent.toFixed(2))}%`;
}

/**
 * A timestamp in the user's locale, or `never` when there is none.
 *
 * @public
 */
export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * A timestamp relative to `now`, in the largest whole unit: `5 minutes ago`,
 * `in 2 hours`, `now` under a second; `never` when there is none.
 *
 * @public
 */
export function formatRelativeTime(
  iso: string | null | undefined,
  now: Date = new Date(),
): string {
  if (!iso) {
    return 'never';
  }
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (!Number.isFinite(seconds)) {
    return UNKNOWN_TEXT;
  }
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return 'now';
}
