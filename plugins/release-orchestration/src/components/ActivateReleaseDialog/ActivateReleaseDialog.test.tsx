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
    id: 3,
    name: 'Wayne Enterprises',
    namespace: 'tenant-wayne',
    isActive: false,
  }),
  customer({
    id: 9,
    clusterId: 2,
    clusterName: 'us-east-1',
    name: 'Hooli',
    namespace: 'tenant-hooli',
  }),
];

describe('ActivateReleaseDialog', () => {
  it('groups customers by cluster, counts the selection and activates', async () => {
    const onActivate = jest.fn().mockResolvedValue(undefined);
    const searchCustomers = jest.fn().mockResolvedValue(page(customers, 500));
    await renderInTestApp(
      <TestApiProvider
        apis={[[releaseOrchestrationApiRef, { searchCustomers }]]}
      >
        <ActivateReleaseDialog
          releaseName="2026.11"
          templateCount={6}
          onClose={jest.fn()}
          onActivate={onActivate}
        />
      </TestApiProvider>,
    );
    // the active customers are preselected
    expect(
      await screen.findByText('Selected 3 of 4 customers'),
    ).toBeInTheDocument();
    expect(screen.getByText('eu-west-1 (2/3)')).toBeInTheDocument();
    expect(screen.getByText('us-east-1 (1/1)')).toBeInTheDocument();
    expect(searchCustomers).toHaveBeenCalledWith({ limit: 500 });

    await userEvent.click(screen.getByRole('button', { name: 'Deselect all' }));
    expect(screen.getByText('Selected 0 of 4 customers')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Activate' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Select all' }));
    expect(screen.getByText('Selected 4 of 4 customers')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'All of us-east-1' }),
    );
    expect(screen.getByText('Selected 3 of 4 customers')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Globex (tenant-globex)' }),
    );
    expect(screen.getByText('Selected 2 of 4 customers')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Activate' }));
    await waitFor(() => expect(onActivate).toHaveBeenCalledWith([1, 3]));
  });
});
