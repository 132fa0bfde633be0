import type { ExecutorFailed } from '../types';

/**
 * The pull request a preview environment is built from.
 *
 * @public
 */
export interface PreviewRequest {
  /** The OpsHub preview id: executors send it as the correlation id. */
  previewId: number;
  /** The service, as OpsHub names it (`opshub.io/deployment-service`). */
  service: string;
  /** `owner/name` of the repository. */
  repository: string;
  /** The pull request number. */
  pullRequest: number;
  /** The pull request's head branch. */
  branch: string;
  /** The head commit to build. */
  commitSha: string;
  /** The pull request's title, for the provider's deployment name. */
  title?: string;
}

/**
 * Tear down the preview deployment an earlier {@link PreviewExecutor.deploy}
 * created.
 *
 * @public
 */
export interface PreviewTeardownRequest {
  previewId: number;
  service: string;
  pullRequest: number;
  /** The provider's deployment id that `deploy` returned. */
  externalId: string;
}

/**
 * The provider accepted the preview deployment: its id and the URL the
 * preview is (or will be, once built) served at.
 *
 * @public
 */
export interface PreviewDeployed {
  accepted: true;
  externalId: string;
  url?: string;
}

/** @public */
export type PreviewDeployResult = PreviewDeployed | ExecutorFailed;

/** @public */
export type PreviewTeardownResult = { accepted: true } | ExecutorFailed;

/**
 * Something that builds and removes preview environments per pull request
 * (Vercel, Netlify, a signed generic webhook). Like the deployment
 * executors, it resolves with a result and never throws for a provider
 * failure.
 *
 * @public
 */
export interface PreviewExecutor {
  /** `vercel`, `netlify`, `generic`. */
  readonly id: string;
  deploy(request: PreviewRequest): Promise<PreviewDeployResult>;
  teardown(request: PreviewTeardownRequest): Promise<PreviewTeardownResult>;
}
