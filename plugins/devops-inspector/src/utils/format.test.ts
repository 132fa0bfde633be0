import { formatRows } from './format';

describe('formatRows', () => {
  it('shows the estimate, or that the table was never analyzed', () => {
    expect(formatRows(null)).toBe('not analyzed');
    expect(formatRows(12345)).toBe('~12,345');
  });
});
