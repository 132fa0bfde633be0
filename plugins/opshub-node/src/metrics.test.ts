import { Attributes, Meter, MeterProvider } from '@opentelemetry/api';
import { createOpsHubMetrics, sanitizeMetricAttributes } from './metrics';

type Recorded = {
  instrument: string;
  kind: string;
  value: number;
  attributes?: Attributes;
};

/** A meter provider of the OpenTelemetry API that records every call. */
function recordingProvider() {
  const recorded: Recorded[] = [];
  const created: Array<{ meter: string; instrument: string; options: any }> =
    [];
  const callbacks: Array<(result: any) => Promise<void> | void> = [];
  const provider: MeterProvider = {
    getMeter(meterName: string): Meter {
      const instrument =
        (kind: string) => (instrumentName: string, options?: unknown) => {
          created.push({
            meter: meterName,
            instrument: instrumentName,
            options,
          });
          return {
            add: (value: number, attributes?: Attributes) =>
              recorded.push({
                instrument: instrumentName,
                kind,
                value,
                attributes,
              }),
            record: (value: number, attributes?: Attributes) =>
              recorded.push({
                instrument: instrumentName,
                kind,
                value,
                attributes,
              }),
            addCallback: (cb: (result: any) => void) => callbacks.push(cb),
          };
        };
      return {
        createCounter: instrument('counter'),
        createHistogram: instrument('histogram'),
        createObservableGauge: instrument('gauge'),
      } as unknown as Meter;
    },
  };
  return { provider, recorded, created, callbacks };
}

describe('createOpsHubMetrics', () => {
  it('names instruments after the plugin and keeps only allowed attribute values', () => {
    const { provider, recorded, created } = recordingProvider();
    const metrics = createOpsHubMetrics('deployment-rollback', {
      meterProvider: provider,
    });
    const deliveries = metrics.counter('webhook.deliveries', {
      description: 'deliveries',
      unit: '{delivery}',
      attributes: {
        provider: ['github', 'gitlab'],
        outcome: ['accepted', 'rejected'],
      },
    });
    // created on first use, not before
    expect(created).toEqual([]);
    deliveries.add({ provider: 'github', outcome: 'accepted' });
    deliveries.add({ provider: 'gitlab', outcome: 'rejected' }, 3);
    // what a caller could smuggle in from a request: a free-text value and
    // an extra attribute
    deliveries.add({
      provider: 'https://evil.example/?token=secret' as 'github',
      outcome: 'accepted',
      user: 'alice',
    } as never);

    expect(created).toEqual([
      {
        meter: 'opshub.deployment-rollback',
        instrument: 'opshub.deployment_rollback.webhook.deliveries',
        options: { description: 'deliveries', unit: '{delivery}' },
      },
    ]);
    expect(recorded).toEqual([
      {
        instrument: 'opshub.deployment_rollback.webhook.deliveries',
        kind: 'counter',
        value: 1,
        attributes: { provider: 'github', outcome: 'accepted' },
      },
      {
        instrument: 'opshub.deployment_rollback.webhook.deliveries',
        kind: 'counter',
        value: 3,
        attributes: { provider: 'gitlab', outcome: 'rejected' },
      },
      {
        instrument: 'opshub.deployment_rollback.webhook.deliveries',
        kind: 'counter',
        value: 1,
        attributes: { provider: 'other', outcome: 'accepted' },
      },
    ]);
  });

  it('times async work in seconds, with the outcome as an attribute, and rethrows', async () => {
    const { provider, recorded, created } = recordingProvider();
    const metrics = createOpsHubMetrics('release-orchestration', {
      meterProvider: provider,
    });
    const duration = metrics.histogram('activation.duration_seconds', {
      description: 'activations',
      unit: 's',
      attributes: { outcome: ['ok', 'error'] },
    });
    const outcome = (o: { ok: boolean }) => ({
      outcome: o.ok ? ('ok' as const) : ('error' as const),
    });
    await expect(
      duration.timeSeconds(
        () => new Promise(resolve => setTimeout(() => resolve(42), 20)),
        outcome,
      ),
    ).resolves.toBe(42);
    await expect(
      duration.timeSeconds(() => Promise.reject(new Error('boom')), outcome),
    ).rejects.toThrow('boom');

    expect(created[0].options.advice.explicitBucketBoundaries).toContain(0.5);
    expect(recorded.map(r => r.attributes)).toEqual([
      { outcome: 'ok' },
      { outcome: 'error' },
    ]);
    // measured, in seconds: at least the 20 ms the work took, well under a minute
    expect(recorded[0].value).toBeGreaterThanOrEqual(0.015);
    expect(recorded[0].value).toBeLessThan(60);
    expect(recorded[1].value).toBeLessThan(recorded[0].value);
  });

  it('observes gauges through a callback with sanitized attributes', async () => {
    const { provider, callbacks } = recordingProvider();
    const metrics = createOpsHubMetrics('infra-health', {
      meterProvider: provider,
    });
    metrics.observableGauge(
      'alerts.firing',
      { description: 'firing', attributes: { severity: ['critical'] } },
      async () => [
        { value: 2, attributes: { severity: 'critical' } },
        {
          value: 5,
          attributes: { severity: 'sev-from-a-label' as 'critical' },
        },
      ],
    );
    const observed: Array<[number, Attributes | undefined]> = [];
    await callbacks[0]({
      observe: (value: number, attributes?: Attributes) =>
        observed.push([value, attributes]),
    });
    expect(observed).toEqual([
      [2, { severity: 'critical' }],
      [5, { severity: 'other' }],
    ]);
  });

  it('refuses bad plugin ids and metric names', () => {
    const { provider } = recordingProvider();
    expect(() => createOpsHubMetrics('Bad Id')).toThrow(
      'Invalid plugin id for metrics: Bad Id',
    );
    const metrics = createOpsHubMetrics('infra-health', {
      meterProvider: provider,
    });
    expect(() =>
      metrics.counter('Runs Total', { description: '', attributes: {} }),
    ).toThrow('Invalid metric name: Runs Total');
  });

  it('without an SDK, records nothing and does not throw', () => {
    const metrics = createOpsHubMetrics('devops-inspector');
    const counter = metrics.counter('compares', {
      description: 'compares',
      attributes: { outcome: ['ok'] },
    });
    expect(() => counter.add({ outcome: 'ok' })).not.toThrow();
  });
});

describe('sanitizeMetricAttributes', () => {
  it('gives every declared attribute a value, other when missing', () => {
    expect(
      sanitizeMetricAttributes({ kind: ['http', 'tcp'], status: ['up'] }, {
        kind: 'tcp',
      } as never),
    ).toEqual({ kind: 'tcp', status: 'other' });
  });
});
