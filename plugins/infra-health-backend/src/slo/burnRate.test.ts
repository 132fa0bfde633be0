import {
  BURN_RATE_WINDOWS,
  burnRate,
  errorBudgetRemaining,
  evaluateBurnRates,
} from './burnRate';
import { chartStepMs } from './SloService';

describe('burnRate', () => {
  it('is the error ratio over the allowed error ratio', () => {
    // 99.9%: 0.1% errors allowed; 1% errors burn 10x
    expect(burnRate(0.99, 99.9)).toBe(10);
    expect(burnRate(0.999, 99.9)).toBe(1);
    expect(burnRate(1, 99.9)).toBe(0);
    expect(burnRate(0, 99)).toBeCloseTo(100, 12);
    expect(burnRate(0.95, 99)).toBeCloseTo(5, 12);
  });

  it('is null without data', () => {
    expect(burnRate(null, 99.9)).toBeNull();
    expect(burnRate(NaN, 99.9)).toBeNull();
  });
});

describe('errorBudgetRemaining', () => {
  it('is 1 - burn rate over the SLO window, negative when overspent', () => {
    expect(errorBudgetRemaining(1, 99.9)).toBe(1);
    expect(errorBudgetRemaining(0.9995, 99.9)).toBeCloseTo(0.5, 9);
    expect(errorBudgetRemaining(0.999, 99.9)).toBeCloseTo(0, 9);
    expect(errorBudgetRemaining(0.998, 99.9)).toBeCloseTo(-1, 9);
    expect(errorBudgetRemaining(null, 99.9)).toBeNull();
  });
});

describe('evaluateBurnRates', () => {
  const slis = (entries: Record<string, number | null>) =>
    new Map(Object.entries(entries));

  it('needs the windows of the SRE workbook pairs', () => {
    expect(BURN_RATE_WINDOWS.sort()).toEqual(
      ['1h', '5m', '6h', '30m', '3d'].sort(),
    );
  });

  it('fires a pair only when both windows exceed its factor', () => {
    const pairs = evaluateBurnRates(
      slis({
        // 1h: 2% errors = 20x, 5m: 1.5% = 15x -> both over 14.4
        '1h': 0.98,
        '5m': 0.985,
        // 6h: 0.7% = 7x, 30m: 0.5% = 5x -> short under 6
        '6h': 0.993,
        '30m': 0.995,
        // 3d: 0.1% = exactly 1x: not above 1
        '3d': 0.999,
      }),
      99.9,
    );
    expect(pairs).toEqual([
      {
        longWindow: '1h',
        shortWindow: '5m',
        factor: 14.4,
        longBurnRate: expect.closeTo(20, 9),
        shortBurnRate: expect.closeTo(15, 9),
        firing: true,
      },
      {
        longWindow: '6h',
        shortWindow: '30m',
        factor: 6,
        longBurnRate: expect.closeTo(7, 9),
        shortBurnRate: expect.closeTo(5, 9),
        firing: false,
      },
      {
        longWindow: '3d',
        shortWindow: '6h',
        factor: 1,
        longBurnRate: expect.closeTo(1, 9),
        shortBurnRate: expect.closeTo(7, 9),
        firing: false,
      },
    ]);
  });

  it('never fires a pair with a window without data', () => {
    const [fast] = evaluateBurnRates(slis({ '1h': 0.5, '5m': null }), 99.9);
    expect(fast).toMatchObject({
      longBurnRate: expect.closeTo(500, 6),
      shortBurnRate: null,
      firing: false,
    });
  });
});

describe('chartStepMs', () => {
  const H = 3_600_000;
  it('splits the window into at most 60 buckets', () => {
    expect(chartStepMs(H, 'prometheus')).toBe(60_000);
    expect(chartStepMs(72 * H, 'prometheus')).toBe(2 * H);
    expect(chartStepMs(30 * 24 * H, 'prometheus')).toBe(12 * H);
    expect(chartStepMs(90 * 24 * H, 'prometheus')).toBe(48 * H);
  });

  it('uses at least one hour for check SLOs (rollups are hourly)', () => {
    expect(chartStepMs(H, 'checks')).toBe(H);
    expect(chartStepMs(24 * H, 'checks')).toBe(H);
    expect(chartStepMs(7 * 24 * H, 'checks')).toBe(3 * H);
  });
});
