import { probeHttp } from '@opshub/opshub-node';
import { HttpBodyCondition } from '@opshub/plugin-infra-health-common';
import { lookupJsonPath, parseJsonPath } from './jsonPath';
import { parseStatusSet } from './statusSet';
import { CheckProber, ProbeResult, ProbeTarget } from './types';

/** How much of a response body a body condition sees. */
const MAX_BODY_BYTES = 256 * 1024;

/**
 * Why a body fails the condition, or null when it passes.
 *
 * @internal
 */
export function checkBodyCondition(
  condition: HttpBodyCondition,
  body: string,
): string | null {
  if ('contains' in condition) {
    return body.includes(condition.contains)
      ? null
      : 'The response body does not contain the expected text';
  }
  const tokens = parseJsonPath(condition.jsonPath);
  if (!tokens) return `Invalid JSON path ${condition.jsonPath}`;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return 'The response body is not JSON';
  }
  const { found, value } = lookupJsonPath(document, tokens);
  if (!found) return `The response JSON has no ${condition.jsonPath}`;
  if (value !== condition.equals) {
    // the value is the service's answer, not a secret; short and typed
    const shown = JSON.stringify(value) ?? String(value);
    return `Expected ${condition.jsonPath} to equal ${JSON.stringify(
      condition.equals,
    )}, got ${shown.length > 80 ? `${shown.slice(0, 79)}…` : shown}`;
  }
  return null;
}

/**
 * HTTP checks, through the shared `probeHttp` of `@opshub/opshub-node`:
 * method, headers (whose values never appear in errors), an expected status
 * or status set, a body condition and a latency threshold. Redirects are not
 * followed: a 3xx is judged like any other status.
 *
 * @internal
 */
export class HttpProber implements CheckProber {
  readonly kind = 'http' as const;
  private readonly fetchFn?: typeof fetch;

  constructor(options: { fetch?: typeof fetch } = {}) {
    this.fetchFn = options.fetch;
  }

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const settings = target.settings ?? {};
    const statusSet = settings.expectedStatuses?.length
      ? parseStatusSet(settings.expectedStatuses)
      : undefined;
    const body = settings.body;
    const result = await probeHttp(target.url, {
      method: target.method,
      headers: target.headers,
      expectedStatus: target.expectedStatus,
      expectedStatuses:
        statusSet && 'ranges' in statusSet ? statusSet.ranges : undefined,
      checkBody: body ? text => checkBodyCondition(body, text) : undefined,
      maxBodyBytes: MAX_BODY_BYTES,
      timeoutMs: target.timeoutMs,
      degradedLatencyMs: target.degradedLatencyMs,
      fetch: this.fetchFn,
    });
    const latencyMs = Math.round(result.latencyMs);
    return {
      status: result.state,
      // samples store whole milliseconds
      latencyMs,
      httpStatus: result.httpStatus,
      error: result.error,
      detail:
        result.state === 'degraded'
          ? `Answered in ${latencyMs} ms, above ${target.degradedLatencyMs} ms`
          : null,
    };
  }
}
