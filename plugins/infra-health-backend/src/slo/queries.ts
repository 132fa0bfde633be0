/**
 * A PromQL counter selector: an optional metric name and optional label
 * matchers, e.g. `http_requests_total{job="payments",code!~"5.."}`. Nothing
 * else (no functions, ranges or operators), so the SLO's queries are built
 * from it safely.
 *
 * @internal
 */
export const COUNTER_SELECTOR_PATTERN =
  /^(?:[a-zA-Z_:][a-zA-Z0-9_:]*)?(?:\{(?:[^{}"`']|"(?:[^"\\]|\\.)*")*\})?$/;

/** True for a non-empty counter selector (see COUNTER_SELECTOR_PATTERN). */
export function isCounterSelector(value: string): boolean {
  return value.length > 0 && COUNTER_SELECTOR_PATTERN.test(value);
}

/**
 * The SLI of a Prometheus SLO over `window`: good events / all events, from
 * two counter selectors.
 *
 * `(sum(increase(<good>[<window>])) or vector(0)) / sum(increase(<total>[<window>]))`
 *
 * - `increase` handles counter resets; `sum` adds every matching series.
 * - `or vector(0)`: when no good series exists at all, good is 0 (every event
 *   bad) rather than no data.
 * - No total series gives an empty result, and a total of 0 gives NaN: both
 *   mean "no data", never 0%.
 *
 * Only the SLO's own good/total selectors go into the query, never request
 * input; the window is validated by parseWindow.
 *
 * @internal
 */
export function sliQuery(good: string, total: string, window: string): string {
  return `(sum(increase(${good}[${window}])) or vector(0)) / sum(increase(${total}[${window}]))`;
}
