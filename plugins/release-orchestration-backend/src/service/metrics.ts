import { ConflictError, InputError } from '@backstage/errors';
import { createOpsHubMetrics, OpsHubMetrics } from '@opshub/opshub-node';

const KINDS = ['activate', 'add_customers'] as const;

/**
 * The outcome of an activation as a metric attribute.
 *
 * @internal
 */
export function activationOutcome(
  outcome: { ok: true } | { ok: false; error: unknown },
): 'ok' | 'conflict' | 'invalid' | 'error' {
  if (outcome.ok) return 'ok';
  if (outcome.error instanceof ConflictError) return 'conflict';
  return outcome.error instanceof InputError ? 'invalid' : 'error';
}

/**
 * The metrics of release-orchestration (docs/metrics.md): activation
 * durations and the steps they create.
 *
 * @internal
 */
export function createReleaseMetrics(
  metrics: OpsHubMetrics = createOpsHubMetrics('release-orchestration'),
) {
  return {
    activationDuration: metrics.histogram('activation.duration_seconds', {
      description:
        'Duration of release activations and of adding customers to an active release (one transaction that creates every step), by kind and outcome (ok, conflict: 409, invalid: 400, error)',
      unit: 's',
      attributes: {
        kind: KINDS,
        outcome: ['ok', 'conflict', 'invalid', 'error'],
      },
    }),
    stepsCreated: metrics.counter('steps.created', {
      description:
        'Steps created by activations and by adding customers, by kind',
      unit: '{step}',
      attributes: { kind: KINDS },
    }),
  };
}

/** @internal */
export type ReleaseMetrics = ReturnType<typeof createReleaseMetrics>;
