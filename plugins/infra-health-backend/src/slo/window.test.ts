import { formatWindow, parseWindow } from './window';

describe('parseWindow', () => {
  it.each([
    ['1m', 60_000],
    ['5m', 300_000],
    ['90s', 90_000],
    ['1h', 3_600_000],
    ['6h', 21_600_000],
    ['7d', 604_800_000],
    ['30d', 2_592_000_000],
    ['4w', 2_419_200_000],
    ['90d', 7_776_000_000],
  ])('parses %s', (window, ms) => {
    expect(parseWindow(window)).toBe(ms);
  });

  it.each(['', '30', 'd', '0d', '1.5h', '30D', '1h30m', ' 1h', '-1h', '1y'])(
    'rejects %p',
    window => {
      expect(() => parseWindow(window)).toThrow(
        /window must be a number and one unit of s, m, h, d, w/,
      );
    },
  );

  it('rejects windows under a minute or over 90 days', () => {
    expect(() => parseWindow('59s')).toThrow(
      "window must be at least 1m, got '59s'",
    );
    expect(() => parseWindow('91d')).toThrow(
      "window must be at most 90d, got '91d'",
    );
    expect(() => parseWindow('13w')).toThrow(/at most 90d/);
  });
});

describe('formatWindow', () => {
  it('writes the shortest exact duration', () => {
    expect(formatWindow(3_600_000)).toBe('1h');
    expect(formatWindow(7_200_000)).toBe('2h');
    expect(formatWindow(259_200_000)).toBe('3d');
    expect(formatWindow(604_800_000)).toBe('1w');
    expect(formatWindow(90_000)).toBe('90s');
    expect(formatWindow(5 * 60_000)).toBe('5m');
  });

  it('round-trips with parseWindow', () => {
    for (const window of ['5m', '30m', '1h', '6h', '3d', '30d']) {
      expect(parseWindow(formatWindow(parseWindow(window)))).toBe(
        parseWindow(window),
      );
    }
  });
});
