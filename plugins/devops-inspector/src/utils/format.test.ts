import { formatBytes, formatLatency, formatRows, formatTime } from './format';

describe('format', () => {
  it('formats sizes, rows, times and latencies', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(8192)).toBe('8.0 kB');
    expect(formatBytes(5 * 1024 * 1024 * 1024)).toBe('5.0 GB');
    expect(formatRows(null)).toBe('not analyzed');
    expect(formatRows(12345)).toBe('~12,345');
    expect(formatTime(null)).toBe('never');
    expect(formatLatency(undefined)).toBe('—');
    expect(formatLatency(1.234)).toBe('1.2 ms');
  });
});
