import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * Parses `value` with `schema` and throws `InputError` (400) that names every
 * offending field, e.g. `Invalid query: limit: Number must be less than or
 * equal to 500`.
 *
 * @public
 */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .map(issue =>
        issue.path.length
          ? `${issue.path.join('.')}: ${issue.message}`
          : issue.message,
      )
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return result.data;
}

/**
 * `?limit=&offset=` as every OpsHub list route accepts them.
 *
 * @public
 */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** @public */
export type PageQuery = z.infer<typeof pageQuerySchema>;

/**
 * A page of items with the total count, the shape of every OpsHub list response.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}

/** @public */
export function toPage<T>(
  items: T[],
  totalCount: number,
  query: PageQuery,
): Page<T> {
  return { items, totalCount, limit: query.limit, offset: query.offset };
}
