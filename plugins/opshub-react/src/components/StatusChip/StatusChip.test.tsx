import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { StatusChip, statusTone } from './StatusChip';

describe('StatusChip', () => {
  it('maps statuses to tones', () => {
    expect(statusTone('healthy')).toBe('ok');
    expect(statusTone('DEGRADED')).toBe('warning');
    expect(statusTone('failed')).toBe('error');
    expect(statusTone('pending')).toBe('pending');
    expect(statusTone('something-else')).toBe('neutral');
  });

  it('renders the label with its tone', async () => {
    await renderInTestApp(<StatusChip status="rolled_back" />);
    const chip = screen.getByText('rolled back').closest('[data-tone]');
    expect(chip).toHaveAttribute('data-tone', 'warning');
  });
});
