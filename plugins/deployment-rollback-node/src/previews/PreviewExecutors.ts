import type { Config } from '@backstage/config';
import { readBaseUrl, readSecret, readTimeoutMs } from '../config';
import {
  acceptedDetails,
  callProvider,
  callProviderOk,
  httpError,
  parseJson,
  postSignedJson,
  ProviderCall,
  ProviderResponse,
} from '../http';
import type { ExecutorFailed } from '../types';
import type {
  PreviewDeployResult,
  PreviewExecutor,
  PreviewRequest,
  PreviewTeardownRequest,
  PreviewTeardownResult,
} from './types';

/** @public */
export const VERCEL_API_BASE_URL = 'https://api.vercel.com';
/** @public */
export const NETLIFY_API_BASE_URL = 'https://api.netlify.com';

/** A per-service name from a map, else the service itself. */
function perService(
  names: Record<string, string>,
  fallback: string | undefined,
  service: string,
): string | undefined {
  return names[service] ?? fallback;
}

function readNames(config: Config, key: string): Record<string, string> {
  const block = config.getOptionalConfig(key);
  const names: Record<string, string> = {};
  for (const service of block?.keys() ?? []) {
    names[service] = block!.getString(service);
  }
  return names;
}

function invalid(
  call: Pick<ProviderCall, 'provider' | 'method'>,
  response: ProviderResponse,
  what: string,
): ExecutorFailed {
  return {
    accepted: false,
    code: 'invalid_response',
    httpStatus: response.status,
    message: `${call.provider} answered ${response.status} to ${call.method} without ${what}`,
  };
}

/** A DELETE of a provider's deployment; one already gone counts as removed. */
async function removeDeployment(
  call: ProviderCall,
): Promise<PreviewTeardownResult> {
  const response = await callProvider(call);
  if (!('ok' in response)) {
    return response;
  }
  if (
    response.status === 404 ||
    (response.status >= 200 && response.status < 300)
  ) {
    return { accepted: true };
  }
  return httpError(call, response.status, response.text);
}

function refused(message: string): ExecutorFailed {
  return { accepted: false, code: 'http_error', message };
}

/**
 * Options of {@link VercelPreviewExecutor}.
 *
 * @public
 */
export interface VercelPreviewExecutorOptions {
  /** Default {@link VERCEL_API_BASE_URL}. */
  apiBaseUrl: string;
  token: string;
  /** `teamId` query parameter, when the projects belong to a team. */
  teamId?: string;
  /** Vercel project name per service; the service name otherwise. */
  projects: Record<string, string>;
  timeoutMs: number;
}

/**
 * Vercel: `POST /v13/deployments` with a `gitSource` of the pull request's
 * head commit (a preview, as no `target` is given) and
 * `DELETE /v13/deployments/{id}` on teardown. The preview URL is the
 * deployment's `url` (Vercel gives it without a scheme).
 *
 * @public
 */
export class VercelPreviewExecutor implements PreviewExecutor {
  readonly id = 'vercel';
  constructor(private readonly options: VercelPreviewExecutorOptions) {}

  static fromConfig(config: Config, at: string): VercelPreviewExecutor {
    return new VercelPreviewExecutor({
      apiBaseUrl: config.has('apiBaseUrl')
        ? readBaseUrl(config, 'apiBaseUrl', at)
        : VERCEL_API_BASE_URL,
      token: readSecret(config, 'token', at),
      teamId: config.getOptionalString('teamId'),
      projects: readNames(config, 'projects'),
      timeoutMs: readTimeoutMs(config, at),
    });
  }

  private url(path: string): string {
    const url = new URL(`${this.options.apiBaseUrl}${path}`);
    if (this.options.teamId) {
      url.searchParams.set('teamId', this.options.teamId);
    }
    return url.href;
  }

  private headers() {
    return {
      authorization: `Bearer ${this.options.token}`,
      'content-type': 'application/json',
      'user-agent': 'OpsHub-Deployment-Rollback',
    };
  }

  async deploy(request: PreviewRequest): Promise<PreviewDeployResult> {
    const [org, repo] = request.repository.split('/');
    const project =
      perService(this.options.projects, undefined, request.service) ??
      request.service;
    const call: ProviderCall = {
      provider: 'Vercel',
      method: 'POST',
      url: this.url('/v13/deployments'),
      headers: this.headers(),
      body: JSON.stringify({
        name: project,
        project,
        gitSource: {
          type: 'github',
          org,
          repo,
          ref: request.branch,
          sha: request.commitSha,
        },
        meta: {
          opshubPreviewId: String(request.previewId),
          githubPrId: String(request.pullRequest),
        },
      }),
      timeoutMs: this.options.timeoutMs,
      secrets: [this.options.token],
    };
    const response = await callProviderOk(call);
    if (!('ok' in response)) {
      return response;
    }
    const parsed = parseJson(call, response);
    if (!('value' in parsed)) {
      return parsed;
    }
    const { id, url } = (parsed.value ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !id) {
      return invalid(call, response, 'a deployment id');
    }
    return {
      accepted: true,
      externalId: id,
      url: typeof url === 'string' && url ? `https://${url}` : undefined,
    };
  }

  async teardown(
    request: PreviewTeardownRequest,
  ): Promise<PreviewTeardownResult> {
    const call: ProviderCall = {
      provider: 'Vercel',
      method: 'DELETE',
      url: this.url(
        `/v13/deployments/${encodeURIComponent(request.externalId)}`,
      ),
      headers: this.headers(),
      timeoutMs: this.options.timeoutMs,
      secrets: [this.options.token],
    };
    return removeDeployment(call);
  }
}

/**
 * Options of {@link NetlifyPreviewExecutor}.
 *
 * @public
 */
export interface NetlifyPreviewExecutorOptions {
  /** Default {@link NETLIFY_API_BASE_URL}. */
  apiBaseUrl: string;
  token: string;
  /** Netlify site id per service. */
  sites: Record<string, string>;
  /** The site of services the map does not name. */
  siteId?: string;
  timeoutMs: number;
}

/**
 * Netlify: `POST /api/v1/sites/{site_id}/deploys` of a draft deploy for the
 * pull request's branch (`draft: true`, so production is untouched), and
 * `DELETE /api/v1/deploys/{deploy_id}` on teardown. The preview URL is the
 * deploy's `deploy_ssl_url`, else `deploy_url`.
 *
 * @public
 */
export class NetlifyPreviewExecutor implements PreviewExecutor {
  readonly id = 'netlify';
  constructor(private readonly options: NetlifyPreviewExecutorOptions) {}

  static fromConfig(config: Config, at: string): NetlifyPreviewExecutor {
    return new NetlifyPreviewExecutor({
      apiBaseUrl: config.has('apiBaseUrl')
        ? readBaseUrl(config, 'apiBaseUrl', at)
        : NETLIFY_API_BASE_URL,
      token: readSecret(config, 'token', at),
      sites: readNames(config, 'sites'),
      siteId: config.getOptionalString('siteId'),
      timeoutMs: readTimeoutMs(config, at),
    });
  }

  private headers() {
    return {
      authorization: `Bearer ${this.options.token}`,
      'content-type': 'application/json',
      'user-agent': 'OpsHub-Deployment-Rollback',
    };
  }

  async deploy(request: PreviewRequest): Promise<PreviewDeployResult> {
    const site = perService(
      this.options.sites,
      this.options.siteId,
      request.service,
    );
    if (!site) {
      return refused(
        `No Netlify site is configured for ${request.service}: set previews.executor.sites.${request.service} or siteId`,
      );
    }
    const call: ProviderCall = {
      provider: 'Netlify',
      method: 'POST',
      url: `${this.options.apiBaseUrl}/api/v1/sites/${encodeURIComponent(
        site,
      )}/deploys`,
      headers: this.headers(),
      body: JSON.stringify({
        draft: true,
        branch: request.branch,
        title: `PR #${request.pullRequest}${
          request.title ? `: ${request.title}` : ''
        } (${request.commitSha.slice(0, 7)})`,
      }),
      timeoutMs: this.options.timeoutMs,
      secrets: [this.options.token],
    };
    const response = await callProviderOk(call);
    if (!('ok' in response)) {
      return response;
    }
    const parsed = parseJson(call, response);
    if (!('value' in parsed)) {
      return parsed;
    }
    const body = (parsed.value ?? {}) as Record<string, unknown>;
    if (typeof body.id !== 'string' || !body.id) {
      return invalid(call, response, 'a deploy id');
    }
    const url = [body.deploy_ssl_url, body.deploy_url].find(
      (u): u is string => typeof u === 'string' && /^https?:\/\//.test(u),
    );
    return { accepted: true, externalId: body.id, url };
  }

  async teardown(
    request: PreviewTeardownRequest,
  ): Promise<PreviewTeardownResult> {
    const call: ProviderCall = {
      provider: 'Netlify',
      method: 'DELETE',
      url: `${this.options.apiBaseUrl}/api/v1/deploys/${encodeURIComponent(
        request.externalId,
      )}`,
      headers: this.headers(),
      timeoutMs: this.options.timeoutMs,
      secrets: [this.options.token],
    };
    return removeDeployment(call);
  }
}

/**
 * Options of {@link GenericPreviewExecutor}.
 *
 * @public
 */
export interface GenericPreviewExecutorOptions {
  url: string;
  /** The HMAC-SHA256 key of `X-OpsHub-Signature-256`. */
  secret: string;
  timeoutMs: number;
}

/**
 * POSTs `{action: 'preview' | 'teardown', previewId, service, repository,
 * pullRequest, branch?, commitSha?, title?, externalId?}`, signed like the
 * generic deployment executor. A 2xx is accepted; on `preview` its JSON body
 * may give `externalId` and an http(s) `url`.
 *
 * @public
 */
export class GenericPreviewExecutor implements PreviewExecutor {
  readonly id = 'generic';
  constructor(private readonly options: GenericPreviewExecutorOptions) {}

  static fromConfig(config: Config, at: string): GenericPreviewExecutor {
    return new GenericPreviewExecutor({
      url: readBaseUrl(config, 'url', at),
      secret: readSecret(config, 'secret', at),
      timeoutMs: readTimeoutMs(config, at),
    });
  }

  private send(body: string) {
    return postSignedJson({
      provider: 'The preview webhook',
      url: this.options.url,
      secret: this.options.secret,
      body,
      timeoutMs: this.options.timeoutMs,
    });
  }

  async deploy(request: PreviewRequest): Promise<PreviewDeployResult> {
    const response = await this.send(
      JSON.stringify({
        action: 'preview',
        previewId: request.previewId,
        service: request.service,
        repository: request.repository,
        pullRequest: request.pullRequest,
        branch: request.branch,
        commitSha: request.commitSha,
        title: request.title,
      }),
    );
    if (!('ok' in response)) {
      return response;
    }
    // without an id of its own, the preview is known by OpsHub's
    const details = acceptedDetails(response.text);
    return {
      accepted: true,
      externalId: details.externalId ?? String(request.previewId),
      url: details.url,
    };
  }

  async teardown(
    request: PreviewTeardownRequest,
  ): Promise<PreviewTeardownResult> {
    const response = await this.send(
      JSON.stringify({
        action: 'teardown',
        previewId: request.previewId,
        service: request.service,
        pullRequest: request.pullRequest,
        externalId: request.externalId,
      }),
    );
    return 'ok' in response ? { accepted: true } : response;
  }
}

/**
 * The preview executor of `deploymentRollback.previews.executor`:
 * `{type: vercel | netlify | generic, ...}`; undefined when previews are
 * not configured.
 *
 * @public
 */
export function readPreviewExecutor(
  config: Config,
): PreviewExecutor | undefined {
  const at = 'deploymentRollback.previews.executor';
  const block = config.getOptionalConfig(at);
  if (!block) {
    return undefined;
  }
  const type = block.getString('type');
  switch (type) {
    case 'vercel':
      return VercelPreviewExecutor.fromConfig(block, at);
    case 'netlify':
      return NetlifyPreviewExecutor.fromConfig(block, at);
    case 'generic':
      return GenericPreviewExecutor.fromConfig(block, at);
    default:
      throw new Error(
        `Invalid config at ${at}.type: unknown preview executor "${type}"; use vercel, netlify or generic`,
      );
  }
}
