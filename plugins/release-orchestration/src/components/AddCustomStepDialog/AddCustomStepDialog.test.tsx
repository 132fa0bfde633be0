import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AddCustomStepDialog } from './AddCustomStepDialog';

const customerSteps = [
  { id: 11, name: 'migrate', category: 'deploy' as const, orderIndex: 0 },
  { id: 15, name: 'drain', category: 'deploy' as const, orderIndex: 1 },
  { id: 12, name: 'deploy', category: 'deploy' as const, orderIndex: 2 },
];
const templates = [
  { id: 101, name: 'migrate', category: 'deploy' as const, orderIndex: 0 },
  { id: 102, name: 'deploy', category: 'deploy' as const, orderIndex: 1 },
];

async function fill(onAdd: jest.Mock) {
  await renderInTestApp(
    <AddCustomStepDialog
      customerName="Acme"
      customerSteps={customerSteps}
      templates={templates}
      onClose={jest.fn()}
      onAdd={onAdd}
    />,
  );
  fireEvent.change(screen.getByLabelText(/Name/), {
    target: { value: 'flush' },
  });
  fireEvent.change(screen.getByLabelText(/Content/), {
    target: { value: 'redis-cli flushall' },
  });
}

async function choosePosition(label: string) {
  fireEvent.mouseDown(
    within(screen.getByTestId('custom-step-insert-position')).getByRole(
      'button',
    ),
  );
  fireEvent.click(await screen.findByRole('option', { name: label }));
}

describe('AddCustomStepDialog', () => {
  it("places a step for one customer among that customer's steps", async () => {
    const onAdd = jest.fn().mockResolvedValue(undefined);
    await fill(onAdd);
    await choosePosition('After “drain”');
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    await waitFor(() =>
      expect(onAdd).toHaveBeenCalledWith({
        name: 'flush',
        category: 'deploy',
        type: 'bash',
        content: 'redis-cli flushall',
        addToTemplate: false,
        position: 2,
      }),
    );
  });

  it('places a template among the templates', async () => {
    const onAdd = jest.fn().mockResolvedValue(undefined);
    await fill(onAdd);
    fireEvent.click(screen.getByRole('checkbox'));
    await choosePosition('Before “deploy”');
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    await waitFor(() =>
      expect(onAdd).toHaveBeenCalledWith(
        expect.objectContaining({ addToTemplate: true, position: 1 }),
      ),
    );
  });

  it('appends by default', async () => {
    const onAdd = jest.fn().mockResolvedValue(undefined);
    await fill(onAdd);
    fireEvent.click(screen.getByRole('button', { name: 'Add step' }));
    await waitFor(() =>
      expect(onAdd).toHaveBeenCalledWith(
        expect.objectContaining({ position: undefined }),
      ),
    );
  });
});
