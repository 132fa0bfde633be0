import {
  formatBytes,
  formatDuration,
  formatLatency,
  formatPercent,
  formatRelativeTime,
  formatTime,
} from './format';

describe('formatLatency', () => {
  it.each([
    [0.04, '0.0 ms'],
    [1.234, '1.2 ms'],
    [9.94, '9.9 ms'],
    // rounds to 10.0, which is shown as whole milliseconds
    [9.96, '10 ms'],
    [10, '10 ms'],
    [123.5, '124 ms'],
    [1234.4, '1,234 ms'],
  ])('%p ms → %p', (ms, text) => {
    expect(formatLatency(ms)).toBe(text);
  });

  it('shows an em dash when unknown', () => {
    expect(formatLatency(null)).toBe('—');
    expect(formatLatency(undefined)).toBe('—');
    expect(formatLatency(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('starts at the first non-zero unit', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(3725)).toBe('1h 2m 5s');
    expect(formatDuration(86400 + 5)).toBe('1d 0h 0m 5s');
    expect(formatDuration(-3)).toBe('0s');
  });
});

describe('formatBytes', () => {
  it('uses powers of 1024', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1536)).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GB');
  });
});

describe('formatPercent and formatTime', () => {
  it('formats or says what is missing', () => {
    expect(formatPercent(99.5)).toBe('99.5%');
    expect(formatPercent(99.987)).toBe('99.99%');
    expect(formatPercent(null)).toBe('—');
    expect(formatTime(null)).toBe('never');
    expect(formatTime('2026-12-02T10:00:00Z')).toBe(
      new Date('2026-12-02T10:00:00Z').toLocaleString(),
    );
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2026-12-02T12:00:00Z');
  it.each([
    ['2026-12-02T11:55:00Z', '5 minutes ago'],
    ['2026-12-02T11:59:59.500Z', 'now'],
    ['2026-12-02T14:00:00Z', 'in 2 hours'],
    ['2026-12-01T12:00:00Z', 'yesterday'],
    ['2026-11-18T12:00:00Z', '2 weeks ago'],
  ])('%s → %s', (iso, text) => {
    expect(formatRelativeTime(iso, now)).toBe(text);
  });

  it('says never without a time', () => {
    expect(formatRelativeTime(null, now)).toBe('never');
  });
});
