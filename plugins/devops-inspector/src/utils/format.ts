/**
 * The row estimate, or why there is none. The other formatters (latency,
 * bytes, durations, times) are the shared ones of `@opshub/opshub-react`.
 *
 * @internal
 */
export function formatRows(estimatedRows: number | null): string {
  return estimatedRows === null
    ? 'not analyzed'
    : `~${estimatedRows.toLocaleString('en-US')}`;
}
