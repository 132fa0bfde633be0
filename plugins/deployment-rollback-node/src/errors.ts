import { ConflictError, CustomErrorBase } from '@backstage/errors';
import type { ExecutorErrorCode, ExecutorFailed } from './types';

/**
 * Why an executor refused a request without starting anything:
 * - `auto_sync`: Argo CD refuses a rollback of an application that syncs
 *   automatically, and the next sync would undo it anyway;
 * - `unknown_target`: the provider has no record of the version to restore
 *   (no Argo CD history entry for it).
 *
 * @public
 */
export type ExecutorRefusalReason = 'auto_sync' | 'unknown_target';

/**
 * An executor refused the request and asked the provider to do nothing. It
 * is a `ConflictError`, so a route that lets it through answers 409 with its
 * message.
 *
 * @public
 */
export class ExecutorRefusedError extends ConflictError {
  /** Tells it apart from other `ConflictError`s (its `name` stays `ConflictError`, which the error handler maps to 409). */
  readonly kind = 'ExecutorRefusedError';
  readonly reason: ExecutorRefusalReason;

  constructor(reason: ExecutorRefusalReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Whether `error` is an {@link ExecutorRefusedError}, also across copies of
 * this package.
 *
 * @public
 */
export function isExecutorRefusedError(
  error: unknown,
): error is ExecutorRefusedError {
  return (
    error instanceof ExecutorRefusedError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { kind?: unknown }).kind === 'ExecutorRefusedError' &&
      typeof (error as { reason?: unknown }).reason === 'string')
  );
}

/**
 * `DeploymentExecutor.status` could not read the state: the provider
 * timed out, was unreachable or answered an error. The message is safe to
 * log and show.
 *
 * @public
 */
export class ExecutorRequestError extends CustomErrorBase {
  readonly code: ExecutorErrorCode;
  readonly httpStatus?: number;

  constructor(failure: ExecutorFailed) {
    super(failure.message);
    this.name = 'ExecutorRequestError';
    this.code = failure.code;
    this.httpStatus = failure.httpStatus;
  }
}
