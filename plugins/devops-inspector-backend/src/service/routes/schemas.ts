import { pageQuerySchema } from '@opshub/opshub-common';
import {
  SNAPSHOT_REF_PREFIX,
  TABLE_SORT_KEYS,
} from '@opshub/plugin-devops-inspector-common';
import { z } from 'zod';

/** An environment name as given in a path, query or body. */
export const environmentName = z.string().min(1).max(255);
export const environmentParams = z.object({ name: environmentName });
export const environmentsQuery = z.object({
  name: environmentName.optional(),
});

export const tablesQuery = pageQuerySchema.extend({
  filter: z
    .string()
    .trim()
    .max(255)
    .optional()
    .transform(value => value || undefined),
  sort: z.enum(TABLE_SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

/** Any catalog name: passed as a bind value, so only NUL is refused. */
const catalogName = z
  .string()
  .min(1)
  .max(255)
  .refine(value => !value.includes('\0'), 'must not contain NUL');

export const tableParams = z.object({
  name: environmentName,
  schema: catalogName,
  table: catalogName,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An environment name or `snapshot:<uuid>` (a stored schema snapshot). */
export const compareRef = environmentName.refine(
  ref =>
    !ref.startsWith(SNAPSHOT_REF_PREFIX) ||
    UUID.test(ref.slice(SNAPSHOT_REF_PREFIX.length)),
  { message: `a snapshot reference is ${SNAPSHOT_REF_PREFIX}<uuid>` },
);

export const compareBody = z
  .object({
    source: compareRef,
    targets: z.array(compareRef).min(1).max(20),
  })
  .strict()
  .refine(body => new Set(body.targets).size === body.targets.length, {
    message: 'targets must not repeat an environment',
    path: ['targets'],
  })
  .refine(body => !body.targets.includes(body.source), {
    message: 'the source cannot also be a target',
    path: ['targets'],
  });

/** `table` or `schema.table`; compared with catalog names, never SQL. */
const tableSelector = z
  .string()
  .min(1)
  .max(600)
  .refine(value => !value.includes('\0'), 'must not contain NUL');

export const dataCheckBody = z
  .object({
    source: environmentName,
    target: environmentName,
    tables: z.array(tableSelector).min(1).max(500).optional(),
  })
  .strict()
  .refine(body => body.source !== body.target, {
    message: 'the source and the target must differ',
    path: ['target'],
  });

/** `:id` of a compare job or a stored snapshot. */
export const idParams = z.object({
  id: z.string().regex(UUID, 'must be a UUID'),
});

export const createSnapshotBody = z
  .object({
    environment: environmentName,
    label: z
      .string()
      .trim()
      .max(255)
      .optional()
      .transform(value => value || undefined),
  })
  .strict();

/** `?environment=&limit=&offset=` of `GET /snapshots` and `GET /drift`. */
export const snapshotsQuery = pageQuerySchema.extend({
  environment: environmentName.optional(),
});
