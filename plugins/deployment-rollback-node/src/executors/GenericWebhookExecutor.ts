import type { Config } from '@backstage/config';
import { readSecret, readTimeoutMs, Template } from '../config';
import { acceptedDetails, postSignedJson } from '../http';
import type {
  DeploymentExecutor,
  DeploymentExecutorFactory,
  DeployRequest,
  ExecutorRequestBase,
  ExecutorResult,
  RollbackRequest,
} from '../types';

/**
 * Options of the generic webhook executor.
 *
 * @public
 */
export interface GenericWebhookExecutorOptions {
  /** Where to POST; may name `{service}` and `{environment}`. */
  url: string;
  /** The HMAC-SHA256 key of `X-OpsHub-Signature-256`. */
  secret: string;
  /** Per request, in ms. */
  timeoutMs: number;
}

/**
 * The JSON body the generic webhook executor POSTs.
 *
 * @public
 */
export interface GenericWebhookPayload {
  action: 'deploy' | 'rollback';
  /** The OpsHub deployment id: name it in the status you send back. */
  deploymentId: number;
  service: string;
  environment: string;
  /** Deploy: the version to deploy. Rollback: the version running now. */
  version: string;
  /** Rollback only: the version to restore. */
  targetVersion?: string;
  reason?: string;
  actor: string;
  /** OpsHub's generic status webhook, when the backend knows its URL. */
  callbackUrl?: string;
}

/**
 * POSTs `{action, deploymentId, service, environment, version,
 * targetVersion?, reason?, actor, callbackUrl?}` to a URL, signed with
 * `X-OpsHub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` and
 * identified by a fresh `X-OpsHub-Delivery` UUID. Any 2xx is accepted; a 2xx
 * JSON body may give `externalId` and `url`. Without one, the external id is
 * the OpsHub deployment id, which the deployer then reports back as `id`.
 *
 * @public
 */
export class GenericWebhookExecutor implements DeploymentExecutor {
  readonly id = 'generic';
  private readonly url: Template;

  constructor(private readonly options: GenericWebhookExecutorOptions) {
    this.url = Template.fromString(options.url);
  }

  static fromConfig(config: Config, at: string): GenericWebhookExecutor {
    const url = Template.read(config, 'url', at);
    url.assertHttpUrl(`${at}.url`);
    return new GenericWebhookExecutor({
      url: url.source,
      secret: readSecret(config, 'secret', at),
      timeoutMs: readTimeoutMs(config, at),
    });
  }

  deploy(request: DeployRequest): Promise<ExecutorResult> {
    return this.send(request, {
      action: 'deploy',
      ...this.common(request),
      version: request.version,
      reason: request.reason,
    });
  }

  rollback(request: RollbackRequest): Promise<ExecutorResult> {
    return this.send(request, {
      action: 'rollback',
      ...this.common(request),
      version: request.version,
      targetVersion: request.target.version,
      reason: request.reason,
    });
  }

  private common(request: ExecutorRequestBase) {
    return {
      deploymentId: request.deploymentId,
      service: request.service,
      environment: request.environment,
      actor: request.actor,
      callbackUrl: request.callbackUrl,
    };
  }

  private async send(
    request: ExecutorRequestBase,
    payload: GenericWebhookPayload,
  ): Promise<ExecutorResult> {
    // key order as documented; undefined fields are left out by JSON
    const body = JSON.stringify({
      action: payload.action,
      deploymentId: payload.deploymentId,
      service: payload.service,
      environment: payload.environment,
      version: payload.version,
      targetVersion: payload.targetVersion,
      reason: payload.reason,
      actor: payload.actor,
      callbackUrl: payload.callbackUrl,
    });
    const response = await postSignedJson({
      provider: 'The deployment webhook',
      url: this.url.expand(request, encodeURIComponent),
      secret: this.options.secret,
      body,
      timeoutMs: this.options.timeoutMs,
    });
    if (!('ok' in response)) {
      return response;
    }
    // without an id of its own, the deployer reports back under OpsHub's
    return {
      accepted: true,
      externalId: String(request.deploymentId),
      ...acceptedDetails(response.text),
    };
  }
}

/**
 * Builds {@link GenericWebhookExecutor}s from `executor: { type: generic,
 * url, secret, timeoutMs? }`.
 *
 * @public
 */
export const genericWebhookExecutorFactory: DeploymentExecutorFactory = {
  type: 'generic',
  create: ({ config, configPath }) =>
    GenericWebhookExecutor.fromConfig(config, configPath),
};
