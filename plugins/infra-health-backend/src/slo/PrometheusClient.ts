/**
 * Raised when Prometheus cannot answer a query: unreachable, timed out, an
 * HTTP error, or a query it rejects (`bad_data`). The message is shown to
 * users and never contains the bearer token.
 *
 * @internal
 */
export class PrometheusQueryError extends Error {
  readonly name = 'PrometheusQueryError';
}

/** @internal */
export interface PrometheusClientOptions {
  /** e.g. `http://prometheus:9090`; the API is under `/api/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  token?: string;
  /** Per-request timeout, 10 seconds by default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** One value of a query: null for no data (no series, NaN or infinite). */
export interface PrometheusPoint {
  time: Date;
  value: number | null;
}

type ApiResponse =
  | {
      status: 'success';
      data:
        | { resultType: 'vector'; result: Array<{ value: [number, string] }> }
        | {
            resultType: 'matrix';
            result: Array<{ values: Array<[number, string]> }>;
          }
        | { resultType: 'scalar'; result: [number, string] }
        | { resultType: 'string'; result: [number, string] };
    }
  | { status: 'error'; errorType: string; error: string };

const toUnix = (time: Date) => String(time.getTime() / 1000);

/** A sample value string ("0.99", "NaN", "+Inf") as a finite number or null. */
export function parseSampleValue(value: string): number | null {
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * A small client of the Prometheus HTTP API (`/api/v1/query` and
 * `/api/v1/query_range`), for queries that return at most one series.
 *
 * "success" with an empty result means no data, never zero; values that are
 * NaN (0/0: no events in the window) or infinite are no data too.
 *
 * @internal
 */
export class PrometheusClient {
  private readonly baseUrl: string;
  private readonly token?: string;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;

  constructor(options: PrometheusClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.fetchFn = options.fetch ?? fetch;
  }

  /** The value of a one-series instant query at `time`; null for no data. */
  async query(expr: string, time: Date): Promise<number | null> {
    const data = await this.call('query', {
      query: expr,
      time: toUnix(time),
    });
    if (data.resultType === 'scalar') return parseSampleValue(data.result[1]);
    if (data.resultType !== 'vector') {
      throw new PrometheusQueryError(
        `Prometheus answered a ${data.resultType} to an instant query`,
      );
    }
    if (data.result.length === 0) return null;
    if (data.result.length > 1) {
      throw new PrometheusQueryError(
        `The query returned ${data.result.length} series; aggregate it to one (e.g. with sum)`,
      );
    }
    return parseSampleValue(data.result[0].value[1]);
  }

  /**
   * The values of a one-series range query from `start` to `end` every
   * `stepMs`; steps where Prometheus has no value are left out, as Prometheus
   * leaves them out.
   */
  async queryRange(
    expr: string,
    start: Date,
    end: Date,
    stepMs: number,
  ): Promise<PrometheusPoint[]> {
    const data = await this.call('query_range', {
      query: expr,
      start: toUnix(start),
      end: toUnix(end),
      step: String(stepMs / 1000),
    });
    if (data.resultType !== 'matrix') {
      throw new PrometheusQueryError(
        `Prometheus answered a ${data.resultType} to a range query`,
      );
    }
    if (data.result.length === 0) return [];
    if (data.result.length > 1) {
      throw new PrometheusQueryError(
        `The query returned ${data.result.length} series; aggregate it to one (e.g. with sum)`,
      );
    }
    return data.result[0].values.map(([time, value]) => ({
      time: new Date(time * 1000),
      value: parseSampleValue(value),
    }));
  }

  private async call(
    endpoint: 'query' | 'query_range',
    params: Record<string, string>,
  ) {
    const headers: Record<string, string> = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchFn(`${this.baseUrl}/api/v1/${endpoint}`, {
        method: 'POST',
        headers,
        body: new URLSearchParams({
          ...params,
          timeout: `${Math.ceil(this.timeoutMs / 1000)}s`,
        }).toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new PrometheusQueryError(describeFetchError(error, this.timeoutMs));
    }
    let body: ApiResponse | undefined;
    try {
      body = (await response.json()) as ApiResponse;
    } catch (error) {
      if ((error as Error)?.name === 'TimeoutError') {
        throw new PrometheusQueryError(
          `Prometheus did not answer within ${this.timeoutMs} ms`,
        );
      }
      body = undefined;
    }
    if (body?.status === 'error') {
      throw new PrometheusQueryError(
        `Prometheus rejected the query (${body.errorType}): ${body.error}`,
      );
    }
    if (!response.ok || body?.status !== 'success') {
      throw new PrometheusQueryError(
        `Prometheus answered HTTP ${response.status}${
          response.statusText ? ` ${response.statusText}` : ''
        }`,
      );
    }
    return body.data;
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: unknown };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return `Prometheus did not answer within ${timeoutMs} ms`;
  }
  const cause = err?.cause as { code?: string; message?: string } | undefined;
  const reason = cause?.code ?? cause?.message ?? err?.message ?? String(error);
  return `Prometheus is unreachable: ${reason}`;
}
