import { Config } from '@backstage/config';
import type { LogLine, LogQuery, LogSource } from '../types';

/**
 * Field names of the log documents; the defaults follow the Elastic Common
 * Schema (ECS).
 *
 * @public
 */
export interface OpenSearchLogFields {
  /** Default `@timestamp`. */
  timestamp: string;
  /** Default `log.level`. */
  level: string;
  /** Default `message`. */
  message: string;
  /** Default `service.name`; matched with a `term` query. */
  service: string;
  /** Default `host.name`; shown as the line's source. */
  source: string;
}

/**
 * Options of {@link OpenSearchLogSource}.
 *
 * @public
 */
export interface OpenSearchLogSourceOptions {
  /** e.g. `https://opensearch.example.com:9200` */
  baseUrl: string;
  /** Index or index pattern, e.g. `logs-*`. */
  index: string;
  fields?: Partial<OpenSearchLogFields>;
  /** Basic auth. */
  username?: string;
  password?: string;
  /** Elasticsearch API key, sent as `Authorization: ApiKey <key>`. */
  apiKey?: string;
  /** Per-request timeout, 10 seconds by default. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** @public */
export const DEFAULT_OPENSEARCH_LOG_FIELDS: OpenSearchLogFields = {
  timestamp: '@timestamp',
  level: 'log.level',
  message: 'message',
  service: 'service.name',
  source: 'host.name',
};

/**
 * The values of the level field that each level matches (`term` queries are
 * exact, and loggers spell levels differently).
 *
 * @public
 */
export const OPENSEARCH_LEVEL_VALUES: Record<LogLine['level'], string[]> = {
  error: [
    'error',
    'ERROR',
    'Error',
    'err',
    'ERR',
    'fatal',
    'FATAL',
    'critical',
    'CRITICAL',
  ],
  warning: ['warning', 'WARNING', 'Warning', 'warn', 'WARN', 'Warn'],
  info: ['info', 'INFO', 'Info', 'information'],
  debug: ['debug', 'DEBUG', 'Debug', 'trace', 'TRACE'],
  unknown: [],
};

/** Reads `a.b` as the key `a.b` or the path a → b of a document. */
function readField(source: Record<string, unknown>, field: string): unknown {
  if (field in source) return source[field];
  let value: unknown = source;
  for (const part of field.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * A level value of a document as one of the LogLine levels.
 *
 * @public
 */
export function normalizeLevel(value: unknown): LogLine['level'] {
  const level = String(value ?? '').toLowerCase();
  if (/^(err|fatal|crit|alert|emerg)/.test(level)) return 'error';
  if (level.startsWith('warn')) return 'warning';
  if (level.startsWith('info') || level === 'notice') return 'info';
  if (level.startsWith('debug') || level.startsWith('trace')) return 'debug';
  return 'unknown';
}

/**
 * A {@link LogSource} over the OpenSearch / Elasticsearch `_search` API:
 * `POST {baseUrl}/{index}/_search` with a `bool` filter (a `term` on the
 * service field, a `terms` on the level field, a `range` on the timestamp
 * field), sorted by timestamp descending, `size` = the limit.
 *
 * @public
 */
export class OpenSearchLogSource implements LogSource {
  readonly name = 'opensearch';
  private readonly options: OpenSearchLogSourceOptions;
  private readonly fields: OpenSearchLogFields;

  constructor(options: OpenSearchLogSourceOptions) {
    this.options = { ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
    this.fields = { ...DEFAULT_OPENSEARCH_LOG_FIELDS, ...options.fields };
  }

  /** The `_search` request body of a query. */
  searchBody(query: LogQuery): Record<string, unknown> {
    const { fields } = this;
    const filter: unknown[] = [
      { term: { [fields.service]: query.service } },
      {
        range: {
          [fields.timestamp]: { gte: query.since.toISOString() },
        },
      },
    ];
    if (query.levels?.length) {
      filter.push({
        terms: {
          [fields.level]: query.levels.flatMap(
            level => OPENSEARCH_LEVEL_VALUES[level],
          ),
        },
      });
    }
    return {
      size: query.limit,
      sort: [{ [fields.timestamp]: { order: 'desc' } }],
      query: { bool: { filter } },
    };
  }

  async recentLines(query: LogQuery): Promise<LogLine[]> {
    const { baseUrl, index, timeoutMs = 10_000 } = this.options;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      Accept: 'application/json',
    };
    if (this.options.apiKey) {
      headers.Authorization = `ApiKey ${this.options.apiKey}`;
    } else if (this.options.username) {
      headers.Authorization = `Basic ${Buffer.from(
        `${this.options.username}:${this.options.password ?? ''}`,
      ).toString('base64')}`;
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = query.signal
      ? AbortSignal.any([query.signal, timeout])
      : timeout;
    let response: Response;
    try {
      response = await (this.options.fetch ?? fetch)(
        `${baseUrl}/${encodeURIComponent(index)
          .replace(/%2C/g, ',')
          .replace(/%2A/g, '*')}/_search`,
        {
          method: 'POST',
          headers,
          body: JSON.stringify(this.searchBody(query)),
          signal,
        },
      );
    } catch (error) {
      throw new Error(describeFetchError(error, timeoutMs));
    }
    const body = (await response.json().catch(() => undefined)) as
      | {
          hits?: { hits?: Array<{ _source?: Record<string, unknown> }> };
          error?: { type?: string; reason?: string } | string;
        }
      | undefined;
    if (!response.ok) {
      const error = body?.error;
      const reason =
        typeof error === 'string'
          ? error
          : [error?.type, error?.reason].filter(Boolean).join(': ');
      throw new Error(
        `OpenSearch answered HTTP ${response.status}${
          reason ? `: ${reason}` : ''
        }`,
      );
    }
    if (!Array.isArray(body?.hits?.hits)) {
      throw new Error('OpenSearch answered without hits.hits');
    }
    return body!.hits!.hits!.flatMap(hit => {
      const source = hit._source;
      if (!source) return [];
      const timestamp = readField(source, this.fields.timestamp);
      const lineSource = readField(source, this.fields.source);
      return [
        {
          timestamp: String(timestamp ?? ''),
          level: normalizeLevel(readField(source, this.fields.level)),
          message: String(readField(source, this.fields.message) ?? ''),
          ...(lineSource === undefined || lineSource === null
            ? {}
            : { source: String(lineSource) }),
        },
      ];
    });
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: unknown };
  if (err?.name === 'TimeoutError') {
    return `OpenSearch did not answer within ${timeoutMs} ms`;
  }
  if (err?.name === 'AbortError') return 'The log query was aborted';
  const cause = err?.cause as { code?: string; message?: string } | undefined;
  return `OpenSearch is unreachable: ${
    cause?.code ?? cause?.message ?? err?.message ?? String(error)
  }`;
}

/**
 * The OpenSearch/Elasticsearch log source of `infraHealth.logs.opensearch`,
 * or undefined when that key is absent.
 *
 * @public
 */
export function createOpenSearchLogSource(
  config: Config,
): OpenSearchLogSource | undefined {
  const os = config.getOptionalConfig('infraHealth.logs.opensearch');
  if (!os) return undefined;
  const baseUrl = os.getString('baseUrl');
  if (!/^https?:\/\//.test(baseUrl)) {
    throw new Error(
      'Invalid config at infraHealth.logs.opensearch.baseUrl: expected an http or https URL',
    );
  }
  const fields = os.getOptionalConfig('fields');
  const field = (key: keyof OpenSearchLogFields) =>
    fields?.getOptionalString(key);
  return new OpenSearchLogSource({
    baseUrl,
    index: os.getString('index'),
    username: os.getOptionalString('username'),
    password: os.getOptionalString('password'),
    apiKey: os.getOptionalString('apiKey'),
    timeoutMs: os.getOptionalNumber('timeoutMs'),
    fields: Object.fromEntries(
      (
        Object.keys(DEFAULT_OPENSEARCH_LOG_FIELDS) as Array<
          keyof OpenSearchLogFields
        >
      )
        .map(key => [key, field(key)])
        .filter(([, value]) => value),
    ),
  });
}
