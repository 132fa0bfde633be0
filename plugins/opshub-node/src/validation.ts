import { InputError } from '@backstage/errors';
import type { Page, PageQuery } from '@opshub/opshub-common';
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

/** @public */
export function toPage<T>(
  items: T[],
  totalCount: number,
  query: PageQuery,
): Page<T> {
  return { items, totalCount, limit: query.limit, offset: query.offset };
}
