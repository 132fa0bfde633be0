/**
 * The executor contract of the OpsHub deployment-rollback backend: the
 * `deployment-rollback.executors` extension point through which backend
 * modules add executor types, and the built-in executors (a signed generic
 * webhook, GitHub Actions `workflow_dispatch` and Argo CD).
 *
 * @packageDocumentation
 */

export type {
  DeployRequest,
  DeploymentExecutor,
  DeploymentExecutorFactory,
  DeploymentExecutorFactoryOptions,
  ExecutorAccepted,
  ExecutorErrorCode,
  ExecutorFailed,
  ExecutorRequestBase,
  ExecutorResult,
  ExecutorState,
  ExecutorStatus,
  RollbackRequest,
  RollbackTarget,
} from './types';
export {
  ExecutorRefusedError,
  ExecutorRequestError,
  isExecutorRefusedError,
} from './errors';
export type { ExecutorRefusalReason } from './errors';
export { deploymentExecutorsExtensionPoint } from './extensions';
export type { DeploymentExecutorsExtensionPoint } from './extensions';
export {
  builtInExecutorFactories,
  DeploymentExecutorRegistry,
} from './registry';
export type { ConfiguredEnvironment } from './registry';
export {
  GenericWebhookExecutor,
  genericWebhookExecutorFactory,
} from './executors/GenericWebhookExecutor';
export type {
  GenericWebhookExecutorOptions,
  GenericWebhookPayload,
} from './executors/GenericWebhookExecutor';
export {
  GITHUB_API_BASE_URL,
  GitHubActionsExecutor,
  githubActionsExecutorFactory,
} from './executors/GitHubActionsExecutor';
export type {
  GitHubActionsDispatchInputs,
  GitHubActionsExecutorOptions,
} from './executors/GitHubActionsExecutor';
export {
  ArgoCdExecutor,
  argoCdExecutorFactory,
  argoCdState,
} from './executors/ArgoCdExecutor';
export type { ArgoCdExecutorOptions } from './executors/ArgoCdExecutor';
export type {
  PreviewDeployed,
  PreviewDeployResult,
  PreviewExecutor,
  PreviewRequest,
  PreviewTeardownRequest,
  PreviewTeardownResult,
} from './previews/types';
export {
  GenericPreviewExecutor,
  NETLIFY_API_BASE_URL,
  NetlifyPreviewExecutor,
  readPreviewExecutor,
  VERCEL_API_BASE_URL,
  VercelPreviewExecutor,
} from './previews/PreviewExecutors';
export type {
  GenericPreviewExecutorOptions,
  NetlifyPreviewExecutorOptions,
  VercelPreviewExecutorOptions,
} from './previews/PreviewExecutors';
