import { performance } from 'perf_hooks';
import { redact, secretsOf } from '@opshub/opshub-common';

/**
 * How to probe one URL.
 *
 * @public
 */
export interface ProbeHttpOptions {
  /** HTTP method; `GET` by default. */
  method?: string;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** No response headers within this time is `down`; 5000 ms by default. */
  timeoutMs?: number;
  /**
   * The one status that counts as an answer. Unset: any 2xx or 3xx does.
   */
  expectedStatus?: number;
  /**
   * Instead of `expectedStatus`: the inclusive status ranges that count as
   * an answer, e.g. `[[200, 200], [204, 204], [300, 399]]`.
   */
  expectedStatuses?: ReadonlyArray<readonly [number, number]>;
  /**
   * Judges the response body (at most `maxBodyBytes`, as UTF-8) of an
   * answer: returns why it is wrong (the probe is then `down`), or null.
   * Without it the body is not read.
   */
  checkBody?: (body: string) => string | null;
  /** How much of the body `checkBody` sees; 64 KiB by default. */
  maxBodyBytes?: number;
  /**
   * Off by default: a 3xx is the answer, judged like any other status. On:
   * redirects are followed (at most 20, as fetch does) and the final status
   * is judged.
   */
  followRedirects?: boolean;
  /** An answer slower than this is `degraded`; never by default. */
  degradedLatencyMs?: number;
  /** For tests: the fetch to use; the global one by default. */
  fetch?: typeof fetch;
}

/**
 * The outcome of one probe. See {@link probeHttp} for what each state means.
 *
 * @public
 */
export interface HttpProbeResult {
  state: 'up' | 'degraded' | 'down';
  /** Time to the response headers, or to the failure, in ms (two decimals). */
  latencyMs: number;
  /** The status of the response; null when none arrived. */
  httpStatus: number | null;
  /**
   * Why the probe is `down`; null otherwise. Never contains the URL's
   * credentials, query string, nor the raw URL.
   */
  error: string | null;
}

/** The default of {@link ProbeHttpOptions.timeoutMs}. @public */
export const DEFAULT_PROBE_TIMEOUT_MS = 5000;

const MAX_ERROR_LENGTH = 500;

class ProbeTimeoutError extends Error {}

/**
 * Probes a URL with one HTTP request. Never throws.
 *
 * What "up" means, for every OpsHub backend:
 * - `up`: a response arrived within `timeoutMs` and its status is
 *   `expectedStatus` (when given) or any 2xx or 3xx (when not);
 * - `degraded`: as `up`, but the response headers took longer than
 *   `degradedLatencyMs`;
 * - `down`: anything else: another status, a timeout, a refused connection,
 *   a DNS or TLS failure, an invalid URL.
 *
 * Redirects are not followed unless `followRedirects` is set, so a redirect
 * to a login page is not mistaken for a healthy service. Credentials in the
 * URL (`https://user:pass@host`) are sent as a basic `Authorization` header,
 * since fetch refuses them in the URL, and never appear in `error`.
 *
 * @public
 */
export async function probeHttp(
  url: string,
  options: ProbeHttpOptions = {},
): Promise<HttpProbeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const fetchFn = options.fetch ?? fetch;
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new ProbeTimeoutError(`Timed out after ${timeoutMs} ms`),
      ),
    timeoutMs,
  );
  const secrets = secretsOf(url);
  // header values may be tokens: never part of an error
  secrets.push(
    ...Object.values(options.headers ?? {}).filter(value => value.length >= 4),
  );
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  try {
    const request = splitCredentials(url);
    secrets.push(...request.secrets);
    const response = await fetchFn(request.url, {
      method: options.method ?? 'GET',
      headers: {
        ...options.headers,
        ...(request.authorization
          ? { Authorization: request.authorization }
          : {}),
      },
      redirect: options.followRedirects ? 'follow' : 'manual',
      signal: controller.signal,
    });
    const latencyMs = elapsed();
    const answered = isExpectedStatus(response.status, options);
    const body =
      answered && options.checkBody
        ? await readBody(response, options.maxBodyBytes ?? 64 * 1024)
        : undefined;
    // the rest of the body is not needed; release the connection
    await response.body?.cancel().catch(() => undefined);
    if (!answered) {
      return {
        state: 'down',
        latencyMs,
        httpStatus: response.status,
        error: `Expected HTTP ${describeExpected(options)}, got ${
          response.status
        }`,
      };
    }
    const bodyProblem =
      body !== undefined && options.checkBody ? options.checkBody(body) : null;
    if (bodyProblem) {
      return {
        state: 'down',
        latencyMs,
        httpStatus: response.status,
        error: truncate(redact(bodyProblem, secrets)),
      };
    }
    const slow =
      options.degradedLatencyMs !== undefined &&
      latencyMs > options.degradedLatencyMs;
    return {
      state: slow ? 'degraded' : 'up',
      latencyMs,
      httpStatus: response.status,
      error: null,
    };
  } catch (error) {
    const message = describe(error, controller.signal);
    return {
      state: 'down',
      latencyMs: elapsed(),
      httpStatus: null,
      error: truncate(redact(message, secrets)),
    };
  } finally {
    clearTimeout(timer);
  }
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_LENGTH
    ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…`
    : text;
}

function isExpectedStatus(status: number, options: ProbeHttpOptions): boolean {
  if (options.expectedStatuses?.length) {
    return options.expectedStatuses.some(
      ([low, high]) => status >= low && status <= high,
    );
  }
  return options.expectedStatus === undefined
    ? status >= 200 && status < 400
    : status === options.expectedStatus;
}

function describeExpected(options: ProbeHttpOptions): string {
  if (options.expectedStatuses?.length) {
    return options.expectedStatuses
      .map(([low, high]) => (low === high ? `${low}` : `${low}-${high}`))
      .join(', ');
  }
  return String(options.expectedStatus ?? '2xx or 3xx');
}

/** Up to `max` bytes of the body as UTF-8 (the timeout still applies). */
async function readBody(response: Response, max: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    chunks.push(value);
    size += value.byteLength;
  }
  reader.releaseLock();
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}

/** Moves `user:password@` out of the URL into a basic auth header. */
function splitCredentials(url: string): {
  url: string;
  authorization?: string;
  secrets: string[];
} {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) {
    return { url, secrets: [] };
  }
  const encoded = [parsed.username, parsed.password];
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    authorization: `Basic ${Buffer.from(`${username}:${password}`).toString(
      'base64',
    )}`,
    secrets: [username, password, ...encoded].filter(s => s.length > 0),
  };
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
