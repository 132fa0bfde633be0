import type { Config } from '@backstage/config';
import { readBaseUrl, readSecret, readTimeoutMs, Template } from '../config';
import { callProvider, httpError, ProviderCall } from '../http';
import type {
  DeploymentExecutor,
  DeploymentExecutorFactory,
  DeployRequest,
  ExecutorAccepted,
  ExecutorRequestBase,
  ExecutorResult,
  RollbackRequest,
} from '../types';

/**
 * The API of github.com; GitHub Enterprise Server uses
 * `https://<host>/api/v3`.
 *
 * @public
 */
export const GITHUB_API_BASE_URL = 'https://api.github.com';

/**
 * Options of the GitHub Actions executor. `owner`, `repo`, `workflowId` and
 * `ref` may name `{service}` and `{environment}`.
 *
 * @public
 */
export interface GitHubActionsExecutorOptions {
  /** Default {@link GITHUB_API_BASE_URL}. */
  apiBaseUrl?: string;
  owner: string;
  repo: string;
  /** The workflow file name (`deploy.yml`) or its numeric id. */
  workflowId: string;
  /** The branch or tag whose workflow file runs. */
  ref: string;
  /** A token with `actions: write` on the repository. */
  token: string;
  /** Per request, in ms. */
  timeoutMs: number;
}

/**
 * The `inputs` of the dispatched workflow. All are strings, as
 * `workflow_dispatch` requires; the workflow must declare exactly these.
 *
 * @public
 */
export interface GitHubActionsDispatchInputs {
  service: string;
  environment: string;
  /** The version to deploy: for a rollback, the version it restores. */
  version: string;
  action: 'deploy' | 'rollback';
  /** The OpsHub deployment id, to report back with. */
  deployment_id: string;
}

/** What GitHub says a status means, for the message. */
const HINTS: Record<number, string> = {
  401: 'the token is invalid or expired',
  403: 'the token may not dispatch workflows in this repository (it needs actions: write), or a rate limit was hit',
  404: 'no such workflow in the repository, or the token cannot see the repository',
  422: 'the workflow rejected the ref or the inputs; it must have a workflow_dispatch trigger with the inputs service, environment, version, action and deployment_id',
};

/**
 * Dispatches a GitHub Actions workflow (`workflow_dispatch`):
 * `POST {apiBaseUrl}/repos/{owner}/{repo}/actions/workflows/{workflowId}/dispatches`
 * with `{ref, inputs: {service, environment, version, action,
 * deployment_id}}`. GitHub answers 204 No Content when the run is created;
 * the outcome comes back through its `workflow_run` webhooks.
 *
 * @public
 */
export class GitHubActionsExecutor implements DeploymentExecutor {
  readonly id = 'github-actions';
  private readonly apiBaseUrl: string;
  private readonly owner: Template;
  private readonly repo: Template;
  private readonly workflowId: Template;
  private readonly ref: Template;

  constructor(private readonly options: GitHubActionsExecutorOptions) {
    this.apiBaseUrl = (options.apiBaseUrl ?? GITHUB_API_BASE_URL).replace(
      /\/+$/,
      '',
    );
    this.owner = Template.fromString(options.owner, 'owner');
    this.repo = Template.fromString(options.repo, 'repo');
    this.workflowId = Template.fromString(options.workflowId, 'workflowId');
    this.ref = Template.fromString(options.ref, 'ref');
  }

  static fromConfig(config: Config, at: string): GitHubActionsExecutor {
    const workflowId = config.getOptional('workflowId');
    return new GitHubActionsExecutor({
      apiBaseUrl: config.has('apiBaseUrl')
        ? readBaseUrl(config, 'apiBaseUrl', at)
        : undefined,
      owner: Template.read(config, 'owner', at).source,
      repo: Template.read(config, 'repo', at).source,
      workflowId:
        typeof workflowId === 'number'
          ? String(workflowId)
          : Template.read(config, 'workflowId', at).source,
      ref: config.has('ref') ? Template.read(config, 'ref', at).source : 'main',
      token: readSecret(config, 'token', at),
      timeoutMs: readTimeoutMs(config, at),
    });
  }

  deploy(request: DeployRequest): Promise<ExecutorResult> {
    return this.dispatch(request, 'deploy', request.version);
  }

  rollback(request: RollbackRequest): Promise<ExecutorResult> {
    return this.dispatch(request, 'rollback', request.target.version);
  }

  private async dispatch(
    request: ExecutorRequestBase,
    action: 'deploy' | 'rollback',
    version: string,
  ): Promise<ExecutorResult> {
    const owner = this.owner.expand(request);
    const repo = this.repo.expand(request);
    const workflowId = this.workflowId.expand(request);
    const inputs: GitHubActionsDispatchInputs = {
      service: request.service,
      environment: request.environment,
      version,
      action,
      deployment_id: String(request.deploymentId),
    };
    const call: ProviderCall = {
      provider: 'GitHub',
      method: 'POST',
      url: `${this.apiBaseUrl}/repos/${encodeURIComponent(
        owner,
      )}/${encodeURIComponent(repo)}/actions/workflows/${encodeURIComponent(
        workflowId,
      )}/dispatches`,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.options.token}`,
        'content-type': 'application/json',
        'user-agent': 'OpsHub-Deployment-Rollback',
        'x-github-api-version': '2022-11-28',
      },
      body: JSON.stringify({ ref: this.ref.expand(request), inputs }),
      timeoutMs: this.options.timeoutMs,
      secrets: [this.options.token],
    };
    const response = await callProvider(call);
    if (!('ok' in response)) {
      return response;
    }
    if (response.status < 200 || response.status >= 300) {
      return httpError(
        call,
        response.status,
        response.text,
        HINTS[response.status],
      );
    }
    const accepted: ExecutorAccepted = { accepted: true };
    const runs = this.runsUrl(owner, repo, workflowId);
    if (runs) {
      accepted.url = runs;
    }
    return accepted;
  }

  /** The workflow's runs page, for github.com and a workflow file name. */
  private runsUrl(owner: string, repo: string, workflowId: string) {
    if (this.apiBaseUrl !== GITHUB_API_BASE_URL || /^\d+$/.test(workflowId)) {
      return undefined;
    }
    return `https://github.com/${encodeURIComponent(
      owner,
    )}/${encodeURIComponent(repo)}/actions/workflows/${encodeURIComponent(
      workflowId,
    )}`;
  }
}

/**
 * Builds {@link GitHubActionsExecutor}s from `executor: { type:
 * github-actions, owner, repo, workflowId, ref?, token, apiBaseUrl?,
 * timeoutMs? }`.
 *
 * @public
 */
export const githubActionsExecutorFactory: DeploymentExecutorFactory = {
  type: 'github-actions',
  create: ({ config, configPath }) =>
    GitHubActionsExecutor.fromConfig(config, configPath),
};
