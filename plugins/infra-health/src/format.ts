/** `123 ms`, or an em dash when unknown. @internal */
export function formatLatency(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : `${Math.round(ms)} ms`;
}

/** `99.5%`, or an em dash when unknown. @internal */
export function formatUptime(percent: number | null | undefined): string {
  if (percent === null || percent === undefined) return '—';
  return `${Number(percent.toFixed(2))}%`;
}

/** A local date and time, or `never`. @internal */
export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : 'never';
}
