import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** @public */
export interface OpshubClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * Base of every OpsHub API client: resolves `/api/<pluginId>` through the
 * discovery API, sends requests with the fetch API (which adds the user's
 * token) and turns non-2xx answers into `ResponseError`.
 *
 * @public
 */
export abstract class OpshubClientBase {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  protected constructor(
    private readonly pluginId: string,
    options: OpshubClientOptions,
  ) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /**
   * GETs a file: its body as a Blob, the name from `Content-Disposition`
   * (when the backend lets the browser read it) else `fallbackName`, and
   * the response headers.
   */
  protected async requestFile(
    path: string,
    options: {
      query?: Record<string, string | number | boolean | undefined>;
      fallbackName: string;
    },
  ): Promise<{ blob: Blob; filename: string; headers: Headers }> {
    const response = await this.fetchApi.fetch(
      await this.url(path, options.query),
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const match = /filename="?([^";]+)"?/i.exec(disposition);
    return {
      blob: await response.blob(),
      filename: match?.[1] ?? options.fallbackName,
      headers: response.headers,
    };
  }

  private async url(
    path: string,
    query: Record<string, string | number | boolean | undefined> = {},
  ): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl(this.pluginId);
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') {
        params.set(key, String(value));
      }
    }
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  protected async request<T>(
    path: string,
    options: {
      method?: string;
      query?: Record<string, string | number | boolean | undefined>;
      body?: unknown;
    } = {},
  ): Promise<T> {
    const response = await this.fetchApi.fetch(
      await this.url(path, options.query),
      {
        method: options.method ?? 'GET',
        headers:
          options.body === undefined
            ? undefined
            : { 'Content-Type': 'application/json' },
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}
