import { createOpsHubMetrics, OpsHubMetrics } from '@opshub/opshub-node';

const PROVIDERS = ['github', 'gitlab', 'argocd', 'generic'] as const;
const DELIVERY_OUTCOMES = [
  'accepted',
  'ignored',
  'duplicate',
  'rejected',
  'unauthorized',
  'not_configured',
  'error',
] as const;

/**
 * The metrics of deployment-rollback (docs/metrics.md): webhook deliveries
 * by provider and outcome, and triggers and rollbacks by outcome.
 *
 * @internal
 */
export function createDeploymentMetrics(
  metrics: OpsHubMetrics = createOpsHubMetrics('deployment-rollback'),
) {
  return {
    deliveries: metrics.counter('webhook.deliveries', {
      description:
        'Webhook deliveries received, by provider and outcome (accepted, ignored, duplicate, rejected: malformed, unauthorized, not_configured, error: not stored)',
      unit: '{delivery}',
      attributes: { provider: PROVIDERS, outcome: DELIVERY_OUTCOMES },
    }),
    executions: metrics.counter('executions', {
      description:
        'Triggers and rollbacks asked for, by kind and outcome (started, failed: the executor could not start it, refused: 409, error)',
      unit: '{execution}',
      attributes: {
        kind: ['trigger', 'rollback'],
        outcome: ['started', 'failed', 'refused', 'error'],
      },
    }),
  };
}

/** @internal */
export type DeploymentMetrics = ReturnType<typeof createDeploymentMetrics>;
