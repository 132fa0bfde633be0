import { createOpsHubMetrics, OpsHubMetrics } from '@opshub/opshub-node';

const TARGET_BUCKETS = ['1', '2', '3-5', '6+'] as const;

/**
 * How many targets a compare had, as a metric attribute.
 *
 * @internal
 */
export function targetsBucket(count: number): (typeof TARGET_BUCKETS)[number] {
  if (count <= 1) return '1';
  if (count === 2) return '2';
  return count <= 5 ? '3-5' : '6+';
}

/**
 * The metrics of devops-inspector (docs/metrics.md): schema compare
 * durations by number of targets and outcome.
 *
 * @internal
 */
export function createInspectorMetrics(
  metrics: OpsHubMetrics = createOpsHubMetrics('devops-inspector'),
) {
  return {
    compareDuration: metrics.histogram('compare.duration_seconds', {
      description:
        'Duration of schema compares (snapshots of the source and the targets, then the diff), by number of targets and outcome (ok, partial: a target failed, failed)',
      unit: 's',
      attributes: {
        targets: TARGET_BUCKETS,
        outcome: ['ok', 'partial', 'failed'],
      },
    }),
  };
}

/** @internal */
export type InspectorMetrics = ReturnType<typeof createInspectorMetrics>;
