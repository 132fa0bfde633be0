import type { ErrorResponseBody } from '@backstage/errors';

/**
 * The body of every OpsHub error response: Backstage's error body, as the
 * backend's error middleware writes it (`error.name`, `error.message`,
 * `response.statusCode`). In production the stack is left out.
 *
 * @public
 */
export type OpshubErrorBody = ErrorResponseBody;

/**
 * True when `value` has the shape of an OpsHub error body.
 *
 * @public
 */
export function isOpshubErrorBody(value: unknown): value is OpshubErrorBody {
  if (!value || typeof value !== 'object') return false;
  const error = (value as { error?: unknown }).error;
  return (
    !!error &&
    typeof error === 'object' &&
    typeof (error as { message?: unknown }).message === 'string' &&
    typeof (error as { name?: unknown }).name === 'string'
  );
}
