import {
  HealthCheckSettings,
  MaintenanceWindow,
} from '@opshub/plugin-infra-health-common';
import { z } from 'zod';
import { HealthCheckDefinition } from '../database/HealthStore';
import { parseJsonPath } from '../probers/jsonPath';
import { formatStatusSet, parseStatusSet } from '../probers/statusSet';
import { DEFAULT_TLS_WARN_DAYS } from '../probers/TlsProber';

/** HTTP methods an http check may use. @internal */
export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
] as const;

const integer = (min: number, max: number) =>
  z
    .number({
      invalid_type_error: `expected an integer from ${min} to ${max}`,
    })
    .int(`expected an integer from ${min} to ${max}`)
    .min(min, `expected an integer from ${min} to ${max}`)
    .max(max, `expected an integer from ${min} to ${max}`);

const text = (max: number) =>
  z
    .string({ invalid_type_error: 'expected a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** An http(s) URL; the message never repeats the value (it may hold a secret). */
const httpUrl = z
  .string({ invalid_type_error: 'expected an http or https URL' })
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine(value => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') && !!url.host
      );
    } catch {
      return false;
    }
  }, 'expected an http or https URL');

const isoTime = z
  .string({ invalid_type_error: 'expected an ISO 8601 time' })
  .refine(
    value =>
      /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)),
    'expected an ISO 8601 time such as 2026-12-24T22:00:00Z',
  )
  .transform(value => new Date(value).toISOString());

const maintenanceWindow = z
  .object({
    start: isoTime,
    end: isoTime,
    reason: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine(window => Date.parse(window.end) > Date.parse(window.start), {
    message: 'end must be after start',
    path: ['end'],
  });

const host = z
  .string({ invalid_type_error: 'expected a host name or IP address' })
  .trim()
  .min(1, 'must not be empty')
  .max(255)
  .regex(
    /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.\-_:]+)$/,
    'expected a host name or IP address, without scheme or port',
  );

const headerName = z
  .string()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/, 'expected an HTTP header name');

const bodyCondition = z.union([
  z.object({ contains: text(1000) }).strict(),
  z
    .object({
      jsonPath: z
        .string()
        .max(500)
        .refine(
          path => parseJsonPath(path) !== undefined,
          'expected a dotted path such as status or checks[0].ok',
        ),
      equals: z.union([
        z.string().max(1000),
        z.number(),
        z.boolean(),
        z.null(),
      ]),
    })
    .strict(),
]);

const base = {
  name: text(255),
  service: text(255),
  intervalSeconds: integer(10, 86_400).default(30),
  timeoutMs: integer(1, 60_000).default(5000),
  degradedLatencyMs: integer(1, 600_000).default(1000),
  failureThreshold: integer(1, 20).default(1),
  successThreshold: integer(1, 20).default(1),
  runbookUrl: httpUrl.nullable().optional(),
  maintenanceWindows: z.array(maintenanceWindow).max(50).default([]),
};

const httpCheck = z
  .object({
    kind: z.literal('http'),
    ...base,
    url: httpUrl,
    method: z
      .string()
      .transform(value => value.toUpperCase())
      .pipe(
        z.enum(HTTP_METHODS, {
          errorMap: () => ({
            message: `expected one of ${HTTP_METHODS.join(', ')}`,
          }),
        }),
      )
      .default('GET'),
    headers: z
      .record(
        headerName,
        z.string().max(8192, 'must be at most 8192 characters'),
      )
      .refine(
        headers => Object.keys(headers).length <= 50,
        'at most 50 headers',
      )
      .optional(),
    expectedStatus: integer(100, 599).optional(),
    expectedStatuses: z
      .array(z.union([z.number(), z.string()]))
      .min(1, 'must list at least one status')
      .max(20)
      .superRefine((entries, ctx) => {
        const parsed = parseStatusSet(entries);
        if ('error' in parsed) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
        }
      })
      .optional(),
    body: bodyCondition.nullable().optional(),
  })
  .strict();

const tcpCheck = z
  .object({ kind: z.literal('tcp'), ...base, host, port: integer(1, 65_535) })
  .strict();

const tlsCheck = z
  .object({
    kind: z.literal('tls'),
    ...base,
    host,
    port: integer(1, 65_535).default(443),
    servername: host.optional(),
    warnDays: integer(0, 365).default(DEFAULT_TLS_WARN_DAYS),
    rejectUnauthorized: z.boolean().default(true),
  })
  .strict();

const postgresCheck = z
  .object({
    kind: z.literal('postgres'),
    ...base,
    connection: z
      .string({ invalid_type_error: 'expected a postgresql:// URL' })
      .max(2048)
      .refine(value => {
        try {
          const url = new URL(value);
          return (
            (url.protocol === 'postgresql:' || url.protocol === 'postgres:') &&
            !!url.hostname
          );
        } catch {
          return false;
        }
      }, 'expected a postgresql://user:password@host:port/database URL'),
  })
  .strict();

/**
 * The body of `POST /checks` and `PUT /checks/:id`, and one entry of
 * `infraHealth.checks`: one schema per kind, `http` when `kind` is absent.
 *
 * @internal
 */
export const checkInputSchema = z.preprocess(
  value =>
    value &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !('kind' in value)
      ? { ...value, kind: 'http' }
      : value,
  z.discriminatedUnion('kind', [httpCheck, tcpCheck, tlsCheck, postgresCheck]),
);

/** @internal */
export type CheckInput = z.infer<typeof checkInputSchema>;

/**
 * Maintenance windows for every check (`infraHealth.maintenanceWindows`).
 *
 * @internal
 */
export const maintenanceWindowsSchema = z.array(maintenanceWindow).max(100);

const hostPort = (hostName: string, port: number) =>
  `${
    hostName.includes(':') && !hostName.startsWith('[')
      ? `[${hostName}]`
      : hostName
  }:${port}`;

/**
 * The stored definition of a validated check.
 *
 * @internal
 */
export function toDefinition(input: CheckInput): HealthCheckDefinition {
  const common = {
    name: input.name,
    service: input.service,
    kind: input.kind,
    intervalSeconds: input.intervalSeconds,
    timeoutMs: input.timeoutMs,
    degradedLatencyMs: input.degradedLatencyMs,
    failureThreshold: input.failureThreshold,
    successThreshold: input.successThreshold,
    runbookUrl: input.runbookUrl ?? null,
    maintenanceWindows: input.maintenanceWindows as MaintenanceWindow[],
  };
  switch (input.kind) {
    case 'http': {
      const settings: HealthCheckSettings = {};
      const headers = input.headers ?? {};
      if (Object.keys(headers).length)
        settings.headerNames = Object.keys(headers);
      let firstExpected: number | undefined;
      if (input.expectedStatuses) {
        const parsed = parseStatusSet(input.expectedStatuses);
        if ('ranges' in parsed) {
          settings.expectedStatuses = formatStatusSet(parsed.ranges);
          firstExpected = parsed.ranges[0]?.[0];
        }
      }
      if (input.body) settings.body = input.body;
      return {
        ...common,
        url: input.url,
        method: input.method,
        // with a status set, the set decides; this is its first status
        expectedStatus: input.expectedStatus ?? firstExpected ?? 200,
        settings,
        headers,
      };
    }
    case 'tcp':
      return {
        ...common,
        url: `tcp://${hostPort(input.host, input.port)}`,
        method: 'TCP',
        expectedStatus: 0,
        settings: { host: input.host, port: input.port },
        headers: {},
      };
    case 'tls':
      return {
        ...common,
        url: `tls://${hostPort(input.host, input.port)}`,
        method: 'TLS',
        expectedStatus: 0,
        settings: {
          host: input.host,
          port: input.port,
          ...(input.servername ? { servername: input.servername } : {}),
          warnDays: input.warnDays,
          rejectUnauthorized: input.rejectUnauthorized,
        },
        headers: {},
      };
    case 'postgres':
    default:
      return {
        ...common,
        url: input.connection,
        method: 'SQL',
        expectedStatus: 0,
        settings: {},
        headers: {},
      };
  }
}
