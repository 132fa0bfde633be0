import type { Config } from '@backstage/config';
import { redactUrl } from '@opshub/opshub-common';
import { readBaseUrl, readSecret, readTimeoutMs, Template } from '../config';
import { ExecutorRefusedError, ExecutorRequestError } from '../errors';
import {
  callProvider,
  httpError,
  MAX_PROVIDER_MESSAGE,
  parseJson,
  ProviderCall,
  ProviderResponse,
  providerMessage,
} from '../http';
import type {
  DeploymentExecutor,
  DeploymentExecutorFactory,
  DeployRequest,
  ExecutorFailed,
  ExecutorResult,
  ExecutorState,
  ExecutorStatus,
  RollbackRequest,
} from '../types';

/**
 * Options of the Argo CD executor.
 *
 * @public
 */
export interface ArgoCdExecutorOptions {
  /** The Argo CD server, `https://argocd.example.com`. */
  baseUrl: string;
  /** An Argo CD API token (a project role or account token). */
  token: string;
  /**
   * The application of a service in this environment; may name `{service}`
   * and `{environment}` (`{service}-prod`).
   */
  application: string;
  /** Sent as `prune` with rollbacks; default false. */
  prune?: boolean;
  /** Per request, in ms. */
  timeoutMs: number;
}

/** The parts of an Argo CD `Application` the executor reads. */
interface ArgoApplication {
  spec?: {
    syncPolicy?: { automated?: { enabled?: boolean } | null } | null;
  };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
    history?: Array<{
      id?: number | string;
      revision?: string;
      revisions?: string[];
    }>;
    operationState?: {
      phase?: string;
      message?: string;
      operation?: { sync?: { revision?: string } };
      syncResult?: { revision?: string };
    };
  };
}

const PHASES: Record<string, ExecutorState> = {
  Running: 'in_progress',
  Terminating: 'in_progress',
  Failed: 'failed',
  Error: 'failed',
};

/**
 * An Argo CD application's state in OpsHub's terms. No operation yet is
 * `queued`; `Running` and `Terminating` are `in_progress`; `Failed` and
 * `Error` are `failed`. A `Succeeded` operation is `succeeded` once the
 * application is `Healthy` (as Argo CD's own `on-deployed` trigger judges),
 * `failed` when it is `Degraded`, and `in_progress` while it is anything
 * else (`Progressing`, `Missing`, ...).
 *
 * @public
 */
export function argoCdState(application: {
  status?: {
    health?: { status?: string };
    operationState?: { phase?: string };
  };
}): ExecutorState {
  const phase = application.status?.operationState?.phase;
  if (!phase) {
    return 'queued';
  }
  if (phase === 'Succeeded') {
    const health = application.status?.health?.status;
    if (health === 'Healthy') {
      return 'succeeded';
    }
    return health === 'Degraded' ? 'failed' : 'in_progress';
  }
  return PHASES[phase] ?? 'in_progress';
}

/**
 * Deploys and rolls back Argo CD applications through its REST API:
 * deploy is `POST /api/v1/applications/{name}/sync` with `{revision}`,
 * rollback is `POST /api/v1/applications/{name}/rollback` with `{id, prune}`
 * (the history id of the target), and `status(name)` reads
 * `GET /api/v1/applications/{name}`. A rollback of an application with
 * automated sync is refused with an {@link ExecutorRefusedError}, as Argo CD
 * itself refuses it.
 *
 * @public
 */
export class ArgoCdExecutor implements DeploymentExecutor {
  readonly id = 'argocd';
  private readonly baseUrl: string;
  private readonly application: Template;

  constructor(private readonly options: ArgoCdExecutorOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.application = Template.fromString(options.application, 'application');
  }

  static fromConfig(config: Config, at: string): ArgoCdExecutor {
    return new ArgoCdExecutor({
      baseUrl: readBaseUrl(config, 'baseUrl', at),
      token: readSecret(config, 'token', at),
      application: Template.read(config, 'application', at).source,
      prune: config.getOptionalBoolean('prune') ?? false,
      timeoutMs: readTimeoutMs(config, at),
    });
  }

  async deploy(request: DeployRequest): Promise<ExecutorResult> {
    const name = this.application.expand(request);
    const call = this.call('POST', name, '/sync', {
      revision: request.version,
    });
    const response = await callProvider(call);
    if (!('ok' in response)) {
      return response;
    }
    if (response.status < 200 || response.status >= 300) {
      return httpError(call, response.status, response.text);
    }
    return this.accepted(name);
  }

  async rollback(request: RollbackRequest): Promise<ExecutorResult> {
    const name = this.application.expand(request);
    const app = await this.read(name);
    if ('accepted' in app) {
      return app;
    }
    if (autoSyncEnabled(app)) {
      throw new ExecutorRefusedError(
        'auto_sync',
        `Argo CD application ${name} syncs automatically (spec.syncPolicy.automated): Argo CD refuses a rollback under auto-sync and the next sync would undo it. Roll back in Git, or turn automated sync off first.`,
      );
    }
    const id =
      request.target.argoHistoryId ?? historyIdOf(app, request.target.version);
    if (id === undefined) {
      throw new ExecutorRefusedError(
        'unknown_target',
        `Argo CD application ${name} has no history entry for revision ${request.target.version}: nothing to roll back to.`,
      );
    }
    const call = this.call('POST', name, '/rollback', {
      id,
      prune: this.options.prune ?? false,
    });
    const response = await callProvider(call);
    if (!('ok' in response)) {
      return response;
    }
    if (response.status < 200 || response.status >= 300) {
      const message = providerMessage(response.text, call.secrets);
      if (/auto-?sync/i.test(message)) {
        // auto-sync was switched on since we read the application
        throw new ExecutorRefusedError(
          'auto_sync',
          `Argo CD refused the rollback of ${name}: ${message}`,
        );
      }
      return httpError(call, response.status, response.text);
    }
    return this.accepted(name);
  }

  async status(name: string): Promise<ExecutorStatus> {
    const app = await this.read(name);
    if ('accepted' in app) {
      throw new ExecutorRequestError(app);
    }
    const status = app.status;
    const operation = status?.operationState;
    const revision =
      operation?.syncResult?.revision ?? operation?.operation?.sync?.revision;
    const words = [
      `sync ${status?.sync?.status ?? 'Unknown'}`,
      `health ${status?.health?.status ?? 'Unknown'}`,
      `operation ${operation?.phase ?? 'none'}`,
    ].join(', ');
    const detail = operation?.message
      ? `: ${providerMessage(operation.message, [this.options.token])}`
      : '';
    return {
      state: argoCdState(app),
      ...(revision ? { revision } : {}),
      message: `${words}${detail}`.slice(0, MAX_PROVIDER_MESSAGE + 80),
    };
  }

  private async read(name: string): Promise<ArgoApplication | ExecutorFailed> {
    const call = this.call('GET', name, '');
    const response = await callProvider(call);
    if (!('ok' in response)) {
      return response;
    }
    if (response.status < 200 || response.status >= 300) {
      return httpError(call, response.status, response.text);
    }
    return applicationOf(call, response);
  }

  private accepted(name: string): ExecutorResult {
    return {
      accepted: true,
      externalId: name,
      url: `${this.baseUrl}/applications/${encodeURIComponent(name)}`,
    };
  }

  private call(
    method: 'GET' | 'POST',
    name: string,
    suffix: string,
    body?: object,
  ): ProviderCall {
    return {
      provider: 'Argo CD',
      method,
      url: `${this.baseUrl}/api/v1/applications/${encodeURIComponent(
        name,
      )}${suffix}`,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${this.options.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      timeoutMs: this.options.timeoutMs,
      secrets: [this.options.token],
    };
  }
}

/**
 * Whether the application syncs automatically: `spec.syncPolicy.automated`
 * is present and not switched off with `enabled: false` (Argo CD 3.1+), as
 * Argo CD's own `IsAutomatedSyncEnabled` decides.
 */
function autoSyncEnabled(app: ArgoApplication): boolean {
  const automated = app.spec?.syncPolicy?.automated;
  return (
    typeof automated === 'object' &&
    automated !== null &&
    automated.enabled !== false
  );
}

function applicationOf(
  call: ProviderCall,
  response: ProviderResponse,
): ArgoApplication | ExecutorFailed {
  const parsed = parseJson(call, response);
  if ('accepted' in parsed) {
    return parsed;
  }
  if (typeof parsed.value !== 'object' || parsed.value === null) {
    return {
      accepted: false,
      code: 'invalid_response',
      httpStatus: response.status,
      message: `Argo CD answered ${call.method} ${redactUrl(
        call.url,
      )} with something that is not an application`,
    };
  }
  return parsed.value as ArgoApplication;
}

/** The newest history id whose revision (or one of whose revisions) is `revision`. */
function historyIdOf(
  app: ArgoApplication,
  revision: string,
): number | undefined {
  const history = app.status?.history ?? [];
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    if (entry.revision === revision || entry.revisions?.includes(revision)) {
      const id = Number(entry.id);
      if (Number.isSafeInteger(id)) {
        return id;
      }
    }
  }
  return undefined;
}

/**
 * Builds {@link ArgoCdExecutor}s from `executor: { type: argocd, baseUrl,
 * token, application, prune?, timeoutMs? }`.
 *
 * @public
 */
export const argoCdExecutorFactory: DeploymentExecutorFactory = {
  type: 'argocd',
  create: ({ config, configPath }) =>
    ArgoCdExecutor.fromConfig(config, configPath),
};
