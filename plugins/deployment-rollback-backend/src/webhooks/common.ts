import { createHash } from 'crypto';
import { z } from 'zod';
import { MalformedDeliveryError, WebhookRequest } from './types';

/** The first value of a header, trimmed; undefined when absent or empty. */
export function header(
  request: WebhookRequest,
  name: string,
): string | undefined {
  const value = request.headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** The body as JSON; a 400 that says so when it is not. */
export function parseJsonBody(raw: Buffer | string): unknown {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  if (!text.trim()) {
    throw new MalformedDeliveryError(
      'body: expected a JSON object, got nothing',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedDeliveryError('body: not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MalformedDeliveryError('body: expected a JSON object');
  }
  const nul = findNul(parsed, '');
  if (nul !== undefined) {
    // PostgreSQL text cannot hold NUL
    throw new MalformedDeliveryError(
      `${nul || 'body'}: must not contain a NUL character`,
    );
  }
  return parsed;
}

/** The path of the first string or key holding a NUL character. */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path : undefined;
  }
  if (!value || typeof value !== 'object' || depth > 64) {
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) {
      return path || 'body';
    }
    const found = findNul(child, childPath, depth + 1);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/** Parses `payload` with `schema`; the error names every offending field. */
export function parsePayload<T extends z.ZodTypeAny>(
  schema: T,
  payload: unknown,
): z.infer<T> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new MalformedDeliveryError(
      result.error.issues
        .slice(0, 5)
        .map(issue =>
          issue.path.length
            ? `${issue.path.join('.')}: ${issue.message}`
            : issue.message,
        )
        .join('; '),
    );
  }
  return result.data;
}

/** Keys longer than the column are replaced by their SHA-256. */
export function boundedKey(key: string): string {
  return key.length <= 200
    ? key
    : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}

/** The key of a delivery without one of its own: the hash of its body. */
export function bodyKey(rawBody: Buffer): string {
  return `body-sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

export const nameField = z.string().trim().min(1).max(255);

const GITLAB_TIME =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?) ?(UTC|Z|[+-]\d{2}:?\d{2})$/;

/**
 * A timestamp as CI systems send them: ISO 8601, or GitLab's
 * `2021-04-28 21:50:00 +0200` / `2016-08-12 15:23:28 UTC`.
 */
export const timestampField = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const gitlab = GITLAB_TIME.exec(value.trim());
    let iso = value.trim();
    if (gitlab) {
      const [, date, time, zone] = gitlab;
      const offset =
        zone === 'UTC' || zone === 'Z'
          ? 'Z'
          : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
      iso = `${date}T${time}${offset}`;
    }
    const parsed = /^\d{4}-\d{2}-\d{2}T/.test(iso) ? new Date(iso) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'expected an ISO 8601 timestamp',
      });
      return z.NEVER;
    }
    return parsed;
  });

/**
 * An optional timestamp; empty strings and Go templates' `<no value>` (what
 * Argo CD renders for an unset field) count as absent.
 */
export const optionalTimestampField = z.preprocess(
  value =>
    value === '' || value === null || value === '<no value>'
      ? undefined
      : value,
  timestampField.optional(),
);

/** An optional string; empty and `<no value>` count as absent. */
export function optionalText(max: number) {
  return z.preprocess(
    value =>
      value === '' || value === null || value === '<no value>'
        ? undefined
        : value,
    z.string().trim().min(1).max(max).optional(),
  );
}

/** The first seven characters of a commit sha. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
