import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { FormDialog, trimOrNull } from './FormDialog';

describe('FormDialog', () => {
  it('submits once and stays disabled until the save settles', async () => {
    let finish: () => void = () => {};
    const onSubmit = jest.fn(
      () =>
        new Promise<void>(resolve => {
          finish = resolve;
        }),
    );
    await renderInTestApp(
      <FormDialog
        title="Edit"
        canSubmit
        onClose={jest.fn()}
        onSubmit={onSubmit}
      >
        fields
      </FormDialog>,
    );
    const save = screen.getByRole('button', { name: 'Save' });
    fireEvent.click(save);
    expect(save).toBeDisabled();
    fireEvent.click(save);
    expect(onSubmit).toHaveBeenCalledTimes(1);
    finish();
    await waitFor(() => expect(save).toBeEnabled());
  });

  it('is disabled while the form is incomplete', async () => {
    await renderInTestApp(
      <FormDialog
        title="Add"
        submitLabel="Add step"
        canSubmit={false}
        onClose={jest.fn()}
        onSubmit={jest.fn()}
      >
        fields
      </FormDialog>,
    );
    expect(screen.getByRole('button', { name: 'Add step' })).toBeDisabled();
    expect(trimOrNull('  ')).toBeNull();
    expect(trimOrNull(' x ')).toBe('x');
  });
});
