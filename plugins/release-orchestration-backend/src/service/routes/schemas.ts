import {
  entityRefSchema,
  idSchema,
  pageQuerySchema,
  versionSchema,
} from '@opshub/opshub-common';
import {
  KUBECONFIG_PATH_MAX_LENGTH,
  Metadata,
  METADATA_MAX_BYTES,
  RELEASE_STATUSES,
  RELEASE_TYPES,
  STEP_CATEGORIES,
  STEP_TYPES,
} from '@opshub/plugin-release-orchestration-common';
import { z } from 'zod';
import { hasDotDotSegment } from '../kubeconfig';

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

/** A key that would reach an object's prototype when assigned. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function forbiddenKey(value: unknown, depth = 0): string | undefined {
  if (depth > 64) {
    return '(nesting deeper than 64 levels)';
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = forbiddenKey(item, depth + 1);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      const found = forbiddenKey(item, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A JSON object (never an array, string or null), at most 16 kB serialized,
 * without `__proto__`/`constructor`/`prototype` keys or nesting deeper than
 * 64. Passed through as parsed (no copy through a zod record).
 */
export const metadata = z.unknown().transform((value, ctx): Metadata => {
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be a JSON object',
    });
    return z.NEVER;
  }
  const bad = forbiddenKey(value);
  if (bad) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must not contain the key ${bad}`,
    });
    return z.NEVER;
  }
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > METADATA_MAX_BYTES) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `must be at most ${METADATA_MAX_BYTES} bytes as JSON (got ${bytes})`,
    });
    return z.NEVER;
  }
  return value as Metadata;
});

/**
 * Shape only; {@link checkKubeconfigPath} checks it against the configured
 * root.
 */
export const kubeconfigPath = z
  .string()
  .min(1)
  .max(KUBECONFIG_PATH_MAX_LENGTH)
  .refine(v => !v.includes('\0'), { message: 'must not contain NUL' })
  .refine(v => !hasDotDotSegment(v), {
    message: "must not contain '..' segments",
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
    kubeconfigPath: kubeconfigPath.nullable().optional(),
    metadata: metadata.optional(),
  })
  .strict();

export const updateClusterBody = z
  .object({
    version,
    displayName: name.optional(),
    description: text.nullable().optional(),
    region: z.string().trim().max(64).nullable().optional(),
    catalogEntityRef: entityRef.nullable().optional(),
    kubeconfigPath: kubeconfigPath.nullable().optional(),
    metadata: metadata.optional(),
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
    metadata: metadata.optional(),
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
    metadata: metadata.optional(),
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
    metadata: metadata.optional(),
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
    metadata: metadata.optional(),
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
