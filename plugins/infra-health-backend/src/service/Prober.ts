import { HealthSampleStatus } from '@opshub/plugin-infra-health-common';
import { performance } from 'perf_hooks';
import { redactUrl, splitCredentials } from './redact';

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

const MAX_ERROR_LENGTH = 500;

class ProbeTimeoutError extends Error {}

/**
 * Probes a check with one HTTP request: `down` on a network error, a timeout
 * or an unexpected status; `degraded` when the response headers took longer
 * than the threshold; `up` otherwise. Never throws.
 *
 * @internal
 */
export class Prober {
  private readonly fetchFn: typeof fetch;

  constructor(options: { fetch?: typeof fetch } = {}) {
    this.fetchFn = options.fetch ?? fetch;
  }

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        controller.abort(
          new ProbeTimeoutError(`Timed out after ${target.timeoutMs} ms`),
        ),
      target.timeoutMs,
    );
    let secrets: string[] = [target.url];
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const request = splitCredentials(target.url);
      secrets = [target.url, request.url, ...request.secrets];
      const response = await this.fetchFn(request.url, {
        method: target.method,
        headers: request.authorization
          ? { Authorization: request.authorization }
          : undefined,
        redirect: 'follow',
        signal: controller.signal,
      });
      const latencyMs = elapsed();
      // the body is not needed; release the connection
      await response.body?.cancel().catch(() => undefined);
      if (response.status !== target.expectedStatus) {
        return {
          status: 'down',
          latencyMs,
          httpStatus: response.status,
          error: `Expected HTTP ${target.expectedStatus}, got ${response.status}`,
        };
      }
      return {
        status: latencyMs > target.degradedLatencyMs ? 'degraded' : 'up',
        latencyMs,
        httpStatus: response.status,
        error: null,
      };
    } catch (error) {
      return {
        status: 'down',
        latencyMs: elapsed(),
        httpStatus: null,
        error: sanitize(describe(error, controller.signal), secrets),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `{ message, code?, cause? }`; errors from fetch come from another realm in jest, so no instanceof. */
function asError(
  value: unknown,
): { message: string; code?: unknown; cause?: unknown } | undefined {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  ) {
    return value as { message: string; code?: unknown; cause?: unknown };
  }
  return undefined;
}

function describe(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof ProbeTimeoutError) {
    return signal.reason.message;
  }
  const failure = asError(error);
  if (!failure) {
    return 'Request failed';
  }
  // undici reports network errors as `TypeError: fetch failed` with the
  // system error (ECONNREFUSED, ENOTFOUND, ...) as the cause
  const cause = asError(failure.cause);
  if (cause) {
    return typeof cause.code === 'string'
      ? `Request failed: ${cause.code} (${cause.message})`
      : `Request failed: ${cause.message}`;
  }
  return `Request failed: ${failure.message}`;
}

/** Removes the URL and its credentials from an error message. */
function sanitize(message: string, secrets: string[]): string {
  let safe = message;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret) {
      const replacement = /^[a-z]+:\/\//i.test(secret)
        ? redactUrl(secret)
        : '***';
      safe = safe.split(secret).join(replacement);
    }
  }
  return safe.length > MAX_ERROR_LENGTH
    ? `${safe.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : safe;
}
