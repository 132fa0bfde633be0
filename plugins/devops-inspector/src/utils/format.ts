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
