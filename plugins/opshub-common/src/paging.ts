import { z } from 'zod';

/** The largest page a list route serves. @public */
export const MAX_PAGE_LIMIT = 500;

/**
 * `?limit=&offset=` as every OpsHub list route accepts them.
 *
 * @public
 */
export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(50),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .default(0),
});

/** @public */
export type PageQuery = z.infer<typeof pageQuerySchema>;

/**
 * A page of items with the total count, the shape of every OpsHub list
 * response.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  limit: number;
  offset: number;
}
