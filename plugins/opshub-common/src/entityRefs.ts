import { z } from 'zod';

const ENTITY_REF_PATTERN =
  /^[a-z0-9][a-z0-9-]*:([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;

/** The message every OpsHub form and route gives for a malformed entity ref. @public */
export const ENTITY_REF_MESSAGE =
  'must be an entity ref like component:default/payments-api (kind:name or kind:namespace/name)';

/**
 * A catalog entity ref as OpsHub stores it: `kind:name` or
 * `kind:namespace/name`. The same schema validates the frontend's forms and
 * the backends' bodies, so a value one side accepts the other accepts too.
 *
 * @public
 */
export const entityRefSchema = z
  .string()
  .trim()
  .max(255)
  .regex(ENTITY_REF_PATTERN, { message: ENTITY_REF_MESSAGE });

/**
 * Returns the problem with `value` as an entity ref, or `undefined` when it is
 * valid. For form fields.
 *
 * @public
 */
export function entityRefProblem(value: string): string | undefined {
  const result = entityRefSchema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}
