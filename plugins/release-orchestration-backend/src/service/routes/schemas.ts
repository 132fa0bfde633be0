import {
  entityRefSchema,
  idSchema,
  pageQuerySchema,
  versionSchema,
} from '@opshub/opshub-common';
import {
  RELEASE_STATUSES,
  RELEASE_TYPES,
  STEP_CATEGORIES,
  STEP_TYPES,
} from '@opshub/plugin-release-orchestration-common';
import { z } from 'zod';

const enumOf = <T extends string>(values: readonly T[]) =>
  z.enum(values as [T, ...T[]]);

export const releaseType = enumOf(RELEASE_TYPES);
export const releaseStatus = enumOf(RELEASE_STATUSES);
export const stepCategory = enumOf(STEP_CATEGORIES);
export const stepType = enumOf(STEP_TYPES);

export const id = idSchema;
export const version = versionSchema;
const name = z.string().trim().min(1).max(255);
const text = z.string().max(10_000);
const content = z.string().min(1).max(100_000);
const entityRef = entityRefSchema;
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, {
  message: 'must be a date YYYY-MM-DD',
});

export const idParams = z.object({ id });
export const clusterParams = z.object({ name });
export const releaseCustomerParams = z.object({ id, customerId: id });
export const versionQuery = z.object({ version });

export const customersQuery = pageQuerySchema.extend({
  search: z.string().trim().max(255).optional(),
});

export const createClusterBody = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, {
        message: 'letters, digits, dot, dash and underscore only',
      }),
    displayName: name.optional(),
    description: text.nullable().optional(),
    region: z.string().trim().max(64).nullable().optional(),
    catalogEntityRef: entityRef.nullable().optional(),
  })
  .strict();

export const updateClusterBody = z
  .object({
    version,
    displayName: name.optional(),
    description: text.nullable().optional(),
    region: z.string().trim().max(64).nullable().optional(),
    catalogEntityRef: entityRef.nullable().optional(),
  })
  .strict();

export const createCustomerBody = z
  .object({
    clusterId: id,
    name,
    namespace: name,
    catalogEntityRef: entityRef.nullable().optional(),
    isActive: z.boolean().optional(),
    notes: text.nullable().optional(),
  })
  .strict();

export const updateCustomerBody = z
  .object({
    version,
    name: name.optional(),
    namespace: name.optional(),
    catalogEntityRef: entityRef.nullable().optional(),
    isActive: z.boolean().optional(),
    notes: text.nullable().optional(),
  })
  .strict();

export const releasesQuery = pageQuerySchema.extend({
  status: releaseStatus.optional(),
  type: releaseType.optional(),
  search: z.string().trim().max(255).optional(),
  /** Exact catalog entity ref the release ships. */
  entityRef: z.string().trim().min(1).max(255).optional(),
});

export const createReleaseBody = z
  .object({
    name,
    type: releaseType,
    versionNumber: z.string().trim().max(64).nullable().optional(),
    releaseDate: date.nullable().optional(),
    description: text.nullable().optional(),
    catalogEntityRef: entityRef.nullable().optional(),
  })
  .strict();

export const updateReleaseBody = z
  .object({
    version,
    name: name.optional(),
    type: releaseType.optional(),
    versionNumber: z.string().trim().max(64).nullable().optional(),
    releaseDate: date.nullable().optional(),
    description: text.nullable().optional(),
    catalogEntityRef: entityRef.nullable().optional(),
  })
  .strict();

const customerIds = z.array(id).min(1).max(10_000);

export const activateBody = z
  .object({ version, customerIds: customerIds.optional() })
  .strict();
export const addCustomersBody = z.object({ customerIds }).strict();
export const versionBody = z.object({ version }).strict();

export const matrixQuery = pageQuerySchema.extend({ cluster: name });
export const exportQuery = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});
export const eventsQuery = pageQuerySchema.extend({
  customerId: id.optional(),
});

export const createTemplateBody = z
  .object({
    name,
    category: stepCategory,
    type: stepType,
    content,
    description: text.nullable().optional(),
  })
  .strict();

export const updateTemplateBody = z
  .object({
    version,
    name: name.optional(),
    type: stepType.optional(),
    content: content.optional(),
    description: text.nullable().optional(),
  })
  .strict();

export const reorderBody = z
  .object({
    category: stepCategory,
    templateIds: z.array(id).min(1).max(1000),
  })
  .strict();

export const overrideBody = z
  .object({ version, content, name: name.optional() })
  .strict();

export const customStepBody = z
  .object({
    name,
    category: stepCategory,
    type: stepType,
    content,
    addToTemplate: z.boolean().optional(),
    position: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();

export const doneBody = z
  .object({ version, notes: text.nullable().optional() })
  .strict();
export const skipBody = z
  .object({ version, reason: z.string().trim().min(1).max(10_000) })
  .strict();
export const revertBody = z
  .object({ version, reason: text.nullable().optional() })
  .strict();

export const bulkBody = z
  .object({
    action: z.enum(['done', 'skip', 'revert', 'reopen', 'reset']),
    steps: z.array(z.object({ id, version }).strict()).min(1).max(5000),
    notes: text.nullable().optional(),
    reason: text.nullable().optional(),
  })
  .strict();
