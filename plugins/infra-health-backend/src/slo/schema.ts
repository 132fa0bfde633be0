import { SloDefinition } from '@opshub/plugin-infra-health-common';
import { z } from 'zod';
import { isCounterSelector } from './queries';
import { parseWindow } from './window';

const selector = z.string().trim().min(1).max(2000);

/**
 * An SLO definition, from config or a request body. Prometheus SLOs need
 * `good` and `total` counter selectors; check SLOs must not have them.
 *
 * @internal
 */
export const sloDefinitionSchema: z.ZodType<
  SloDefinition,
  z.ZodTypeDef,
  unknown
> = z
  .object({
    name: z.string().trim().min(1).max(255),
    service: z.string().trim().min(1).max(255),
    objective: z
      .number({ invalid_type_error: 'must be a number' })
      .gt(0, 'must be above 0')
      .lt(100, 'must be below 100 (a percentage, e.g. 99.9)'),
    window: z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        try {
          parseWindow(value);
        } catch (error) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: (error as Error).message,
          });
        }
      }),
    source: z.enum(['prometheus', 'checks']),
    good: selector.optional(),
    total: selector.optional(),
  })
  .strict()
  .superRefine((slo, ctx) => {
    if (slo.source === 'prometheus') {
      for (const key of ['good', 'total'] as const) {
        const value = slo[key];
        if (value === undefined) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [key],
            message: 'is required for a prometheus SLO',
          });
        } else if (!isCounterSelector(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [key],
            message:
              'must be a counter selector such as http_requests_total{job="api",code!~"5.."}',
          });
        }
      }
    } else {
      for (const key of ['good', 'total'] as const) {
        if (slo[key] !== undefined) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [key],
            message: 'is only for prometheus SLOs',
          });
        }
      }
    }
  });
