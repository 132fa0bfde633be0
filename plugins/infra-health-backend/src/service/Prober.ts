import { probeHttp } from '@opshub/opshub-node';
import { HealthSampleStatus } from '@opshub/plugin-infra-health-common';

/**
 * What one probe needs to know about a check.
 *
 * @internal
 */
export interface ProbeTarget {
  url: string;
  method: string;
  expectedStatus: number;
  timeoutMs: number;
  degradedLatencyMs: number;
}

/**
 * The outcome of one probe.
 *
 * @internal
 */
export interface ProbeResult {
  status: HealthSampleStatus;
  latencyMs: number;
  httpStatus: number | null;
  error: string | null;
}

/**
 * Probes a check with the shared `probeHttp` of `@opshub/opshub-node`:
 * `up` on the check's expected status within its degraded threshold,
 * `degraded` when slower, `down` otherwise. Redirects are not followed: a
 * 3xx is judged against `expectedStatus` like any other status. Never
 * throws.
 *
 * @internal
 */
export class Prober {
  private readonly fetchFn?: typeof fetch;

  constructor(options: { fetch?: typeof fetch } = {}) {
    this.fetchFn = options.fetch;
  }

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const result = await probeHttp(target.url, {
      method: target.method,
      expectedStatus: target.expectedStatus,
      timeoutMs: target.timeoutMs,
      degradedLatencyMs: target.degradedLatencyMs,
      fetch: this.fetchFn,
    });
    return {
      status: result.state,
      // samples store whole milliseconds
      latencyMs: Math.round(result.latencyMs),
      httpStatus: result.httpStatus,
      error: result.error,
    };
  }
}
