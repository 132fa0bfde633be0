import { HealthSampleStatus } from '@opshub/plugin-infra-health-common';
import { CheckState } from '../database/HealthStore';
import {
  isInMaintenance,
  nextCheckState,
  percentile,
  summarizeSamples,
} from './status';

const initial: CheckState = {
  effectiveStatus: 'unknown',
  notifiedStatus: 'unknown',
  consecutiveFailures: 0,
  consecutiveSuccesses: 0,
  statusChangedAt: null,
};

/** Runs the samples through nextCheckState; returns every state. */
function run(
  statuses: HealthSampleStatus[],
  options: Partial<Parameters<typeof nextCheckState>[2]> = {},
  from: CheckState = initial,
) {
  const states: CheckState[] = [];
  let state = from;
  statuses.forEach((status, i) => {
    state = nextCheckState(
      state,
      { status, sampledAt: new Date(Date.UTC(2026, 11, 1, 0, 0, i * 30)) },
      {
        failureThreshold: 1,
        successThreshold: 1,
        inMaintenance: false,
        ...options,
      },
    );
    states.push(state);
  });
  return states;
}

describe('nextCheckState', () => {
  it('follows the samples at once with thresholds of one', () => {
    expect(
      run(['up', 'degraded', 'down', 'up']).map(s => s.effectiveStatus),
    ).toEqual(['healthy', 'degraded', 'unhealthy', 'healthy']);
  });

  it('needs failureThreshold consecutive failures before unhealthy', () => {
    const states = run(['up', 'down', 'down', 'up', 'down', 'down', 'down'], {
      failureThreshold: 3,
    });
    expect(states.map(s => s.effectiveStatus)).toEqual([
      'healthy',
      'healthy',
      'healthy',
      'healthy',
      'healthy',
      'healthy',
      'unhealthy',
    ]);
    // flapping within tolerance changes nothing to announce
    expect(states.slice(0, 6).every(s => s.notifiedStatus === 'healthy')).toBe(
      true,
    );
    expect(states[6].statusChangedAt).toBe('2026-12-01T00:03:00.000Z');
    expect(states[6].consecutiveFailures).toBe(3);
  });

  it('needs successThreshold consecutive answers to recover', () => {
    const states = run(['down', 'up', 'down', 'up', 'degraded'], {
      successThreshold: 2,
    });
    expect(states.map(s => s.effectiveStatus)).toEqual([
      'unhealthy',
      'unhealthy',
      'unhealthy',
      'unhealthy',
      'degraded',
    ]);
  });

  it('keeps a new check unknown until the failure threshold', () => {
    expect(
      run(['down', 'down'], { failureThreshold: 2 }).map(
        s => s.effectiveStatus,
      ),
    ).toEqual(['unknown', 'unhealthy']);
  });

  it('does not move the notified status during maintenance', () => {
    const healthy = run(['up'])[0];
    const during = run(['down', 'down'], { inMaintenance: true }, healthy);
    expect(during.map(s => [s.effectiveStatus, s.notifiedStatus])).toEqual([
      ['unhealthy', 'healthy'],
      ['unhealthy', 'healthy'],
    ]);
    // still down after the window: the first sample announces it
    const after = run(['down'], {}, during[1]);
    expect(after[0].notifiedStatus).toBe('unhealthy');
  });

  it('stops counting at the threshold, so steady state does not change', () => {
    const states = run(['up', 'up', 'up'], { successThreshold: 2 });
    expect(states[1]).toEqual(states[2]);
  });
});

describe('isInMaintenance', () => {
  const windows = [
    { start: '2026-12-01T10:00:00.000Z', end: '2026-12-01T11:00:00.000Z' },
  ];
  it('is open from start (inclusive) to end (exclusive)', () => {
    expect(isInMaintenance(windows, new Date('2026-12-01T09:59:59Z'))).toBe(
      false,
    );
    expect(isInMaintenance(windows, new Date('2026-12-01T10:00:00Z'))).toBe(
      true,
    );
    expect(isInMaintenance(windows, new Date('2026-12-01T11:00:00Z'))).toBe(
      false,
    );
    expect(isInMaintenance([], new Date())).toBe(false);
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
