import { InputError } from '@backstage/errors';
import type { Page, PageQuery } from '@opshub/opshub-common';
import { z } from 'zod';

/**
 * Paths (`a.b.0`) of the strings in `value` that hold a NUL character, which
 * no OpsHub field accepts and PostgreSQL cannot store in text.
 */
function findNulPaths(value: unknown, path = '', depth = 0): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (depth > 8 || !value || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    found.push(
      ...findNulPaths(child, path ? `${path}.${key}` : key, depth + 1),
    );
    if (found.length >= 5) break;
  }
  return found;
}

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
  const nul = findNulPaths(value);
  if (nul.length) {
    throw new InputError(
      `Invalid ${what}: ${nul
        .map(path => `${path || 'value'}: must not contain a NUL character`)
        .join('; ')}`,
    );
  }
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
