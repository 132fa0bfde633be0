import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { releaseOrchestrationApiRef } from '../../api';
import { customer } from '../../testing/data';
import { permissions } from '../../__testUtils__/permissions';
import { CustomerPage } from './CustomerPage';

function mockApi() {
  return {
    getCustomer: jest.fn().mockResolvedValue(customer({ id: 5, version: 7 })),
    listReleases: jest
      .fn()
      .mockResolvedValue({ items: [], totalCount: 0, limit: 100, offset: 0 }),
    updateCustomer: jest.fn().mockResolvedValue(customer({ id: 5 })),
    deleteCustomer: jest.fn().mockResolvedValue(undefined),
  };
}

async function render(api: ReturnType<typeof mockApi>, denied: string[] = []) {
  await renderInTestApp(
    <TestApiProvider
      apis={[[releaseOrchestrationApiRef, api], permissions(denied)]}
    >
      <Routes>
        <Route path="/customers/:id" element={<CustomerPage />} />
        <Route path="*" element={<div>Somewhere else</div>} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/customers/5'] },
  );
}

describe('CustomerPage', () => {
  it('deactivates the customer with its row version and refetches', async () => {
    const api = mockApi();
    await render(api);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit' }));
    await userEvent.click(screen.getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateCustomer).toHaveBeenCalledWith(
        5,
        expect.objectContaining({ isActive: false, version: 7 }),
      ),
    );
    await waitFor(() => expect(api.getCustomer).toHaveBeenCalledTimes(2));
  });

  it('soft-deletes the customer and leaves the page', async () => {
    const api = mockApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete' }),
    );
    const buttons = screen.getAllByRole('button', { name: 'Delete' });
    await userEvent.click(buttons[buttons.length - 1]);
    await waitFor(() => expect(api.deleteCustomer).toHaveBeenCalledWith(5, 7));
    expect(await screen.findByText('Somewhere else')).toBeInTheDocument();
  });
});
