const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];

/**
 * `1536` → `1.5 kB` (powers of 1024, like `pg_size_pretty`).
 *
 * @internal
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/**
 * The row estimate, or why there is none.
 *
 * @internal
 */
export function formatRows(estimatedRows: number | null): string {
  return estimatedRows === null
    ? 'not analyzed'
    : `~${estimatedRows.toLocaleString('en-US')}`;
}

/**
 * A timestamp in the user's locale, or `never`.
 *
 * @internal
 */
export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}

/**
 * `1.234` → `1.2 ms`.
 *
 * @internal
 */
export function formatLatency(latencyMs: number | undefined): string {
  return latencyMs === undefined ? '—' : `${latencyMs.toFixed(1)} ms`;
}

/**
 * `3725` → `1h 2m 5s`.
 *
 * @internal
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
