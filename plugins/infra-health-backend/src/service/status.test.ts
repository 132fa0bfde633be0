import { HealthSampleStatus } from '@opshub/plugin-infra-health-common';
import { computeHealthStatus, percentile, summarizeSamples } from './status';

const samples = (...statuses: HealthSampleStatus[]) =>
  statuses.map(status => ({ status }));

describe('computeHealthStatus', () => {
  it('is unknown without samples', () => {
    expect(computeHealthStatus([])).toBe('unknown');
  });

  it('is unhealthy when the last sample is down', () => {
    expect(computeHealthStatus(samples('down'))).toBe('unhealthy');
    expect(computeHealthStatus(samples('down', 'up', 'up'))).toBe('unhealthy');
  });

  it('is degraded when the last sample is degraded', () => {
    expect(computeHealthStatus(samples('degraded', 'up', 'up'))).toBe(
      'degraded',
    );
  });

  it('is degraded when one of the last five samples is down', () => {
    expect(computeHealthStatus(samples('up', 'down'))).toBe('degraded');
    expect(computeHealthStatus(samples('up', 'up', 'up', 'up', 'down'))).toBe(
      'degraded',
    );
  });

  it('ignores failures older than the last five samples', () => {
    expect(
      computeHealthStatus(samples('up', 'up', 'up', 'up', 'up', 'down')),
    ).toBe('healthy');
  });

  it('is healthy when recent samples are up or were only slow earlier', () => {
    expect(computeHealthStatus(samples('up'))).toBe('healthy');
    expect(computeHealthStatus(samples('up', 'degraded', 'up'))).toBe(
      'healthy',
    );
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeUndefined();
  });
});

describe('summarizeSamples', () => {
  it('has no figures without samples', () => {
    expect(summarizeSamples([])).toEqual({
      uptimePercent24h: null,
      latencyP95Ms: null,
      latencyAvgMs: null,
    });
  });

  it('counts degraded as up and takes latency from answered probes', () => {
    expect(
      summarizeSamples([
        { status: 'up', latencyMs: 100 },
        { status: 'degraded', latencyMs: 1500 },
        { status: 'down', latencyMs: 5000 },
      ]),
    ).toEqual({
      uptimePercent24h: 66.67,
      latencyP95Ms: 1500,
      latencyAvgMs: 800,
    });
  });

  it('has no latency when every probe failed', () => {
    expect(summarizeSamples([{ status: 'down', latencyMs: 5000 }])).toEqual({
      uptimePercent24h: 0,
      latencyP95Ms: null,
      latencyAvgMs: null,
    });
  });
});
