import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { releaseOrchestrationApiRef } from '../../api';
import { customer, page } from '../../testing/data';
import { ActivateReleaseDialog } from './ActivateReleaseDialog';

const customers = [
  customer(),
  customer({ id: 2, name: 'Globex', namespace: 'tenant-globex' }),
  customer({
    id: 9,
    clusterId: 2,
    clusterName: 'us-east-1',
    name: 'Hooli',
    namespace: 'tenant-hooli',
  }),
];

async function render() {
  const onActivate = jest.fn().mockResolvedValue(undefined);
  const searchCustomers = jest.fn().mockResolvedValue(page(customers, 20));
  await renderInTestApp(
    <TestApiProvider apis={[[releaseOrchestrationApiRef, { searchCustomers }]]}>
      <ActivateReleaseDialog
        releaseName="2026.11"
        templateCount={6}
        onClose={jest.fn()}
        onActivate={onActivate}
      />
    </TestApiProvider>,
  );
  return { onActivate, searchCustomers };
}

describe('ActivateReleaseDialog', () => {
  it('activates for every active customer without listing them', async () => {
    const { onActivate, searchCustomers } = await render();
    expect(
      screen.getByRole('radio', {
        name: 'Every active customer of every cluster',
      }),
    ).toBeChecked();
    await userEvent.click(screen.getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(onActivate).toHaveBeenCalledWith(undefined));
    expect(searchCustomers).not.toHaveBeenCalled();
  });

  it('activates for the customers picked, grouped by cluster', async () => {
    const { onActivate, searchCustomers } = await render();
    await userEvent.click(
      screen.getByRole('radio', { name: 'Only the customers I pick' }),
    );
    expect(await screen.findByText('eu-west-1 (0/2)')).toBeInTheDocument();
    expect(screen.getByText('us-east-1 (0/1)')).toBeInTheDocument();
    expect(searchCustomers).toHaveBeenCalledWith({
      search: undefined,
      limit: 20,
      offset: 0,
    });
    expect(screen.getByRole('button', { name: 'Activate' })).toBeDisabled();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'All of eu-west-1' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Globex (tenant-globex)' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Hooli (tenant-hooli)' }),
    );
    expect(screen.getByText('Selected 2 customers')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(onActivate).toHaveBeenCalledWith([1, 9]));
  });
});
