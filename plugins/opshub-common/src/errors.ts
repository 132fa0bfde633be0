/**
 * The body of every OpsHub error response: Backstage's error body
 * (`ErrorResponseBody` of `@backstage/errors`, the same shape), as the
 * backend's error middleware writes it. In production the stack is left out.
 * Declared here so this package stays free of Backstage dependencies.
 *
 * @public
 */
export interface OpshubErrorBody {
  error: {
    name: string;
    message: string;
    stack?: string;
    [key: string]: unknown;
  };
  request?: { method: string; url: string };
  response: { statusCode: number };
}

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
