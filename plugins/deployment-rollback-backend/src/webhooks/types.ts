import {
  DeploymentStatus,
  WebhookProvider,
} from '@opshub/plugin-deployment-rollback-common';

/**
 * A deployment as a webhook describes it, before it is applied to the
 * `deployments` table (inserted, or updated by `externalId`).
 *
 * @internal
 */
export interface DeploymentUpdate {
  /** Unique per provider, for example `github:deployment:123`. */
  externalId: string;
  service: string;
  environment: string;
  version: string;
  commitSha: string | null;
  status: DeploymentStatus;
  triggeredBy: string;
  startedAt: Date;
  finishedAt: Date | null;
  /**
   * Look the service up in the catalog first: the Component whose
   * annotation `key` is `value` (for example `github.com/project-slug`).
   * `service` is the fallback when no Component matches.
   */
  catalogLookup?: { annotation: string; value: string };
}

/**
 * What a delivery means: a deployment change, or nothing for OpsHub.
 *
 * @internal
 */
export type Interpretation =
  | { kind: 'deployment'; update: DeploymentUpdate }
  | { kind: 'preview'; preview: PreviewUpdate }
  | { kind: 'ignored'; reason: string };

/**
 * A pull request event: deploy its head commit as a preview, or tear the
 * preview down.
 *
 * @internal
 */
export interface PreviewUpdate {
  action: 'deploy' | 'teardown';
  service: string;
  repository: string;
  pullRequest: number;
  title: string | null;
  branch: string;
  commitSha: string;
  author: string | null;
  /** As for deployments: the catalog Component of the repository first. */
  catalogLookup?: { annotation: string; value: string };
}

/**
 * A verified delivery whose body is not what its provider documents. The
 * message names the field; it becomes the 400 and the delivery's `error`.
 *
 * @internal
 */
export class MalformedDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedDeliveryError';
  }
}

/**
 * The request as a provider sees it: lower-cased headers and the raw body.
 *
 * @internal
 */
export interface WebhookRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

/**
 * Static settings that interpretation may use (read once from config).
 *
 * @internal
 */
export interface InterpretContext {
  /** GitHub workflow file path → environment, for `workflow_run` events. */
  githubWorkflowEnvironments: Record<string, string>;
  /** When the delivery arrived, the start time of deployments that say none. */
  receivedAt: Date;
}

/**
 * One CI/CD system: how its deliveries are authenticated, keyed, named and
 * interpreted.
 *
 * @internal
 */
export interface WebhookProviderSpec {
  provider: WebhookProvider;
  /** The header that carries the signature or token, for 401 messages. */
  authHeader: string;
  /** Signature or token check on the raw body, in constant time. */
  authenticate(request: WebhookRequest, secret: string): boolean;
  /** The JSON payload of the raw body; throws `MalformedDeliveryError`. */
  parseBody(request: WebhookRequest): unknown;
  /** The event name (from a header or the payload); throws `MalformedDeliveryError`. */
  eventOf(request: WebhookRequest, payload: unknown): string;
  /** The idempotency key; throws `MalformedDeliveryError` when absent. */
  deliveryKey(request: WebhookRequest, payload: unknown): string;
  /** Pure: the same stored event and payload always mean the same. */
  interpret(
    event: string,
    payload: unknown,
    context: InterpretContext,
  ): Interpretation;
}
