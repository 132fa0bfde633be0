import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { InfraHealthApi, infraHealthApiRef } from '../../api';
import { checkRouteRef } from '../../routes';
import { checkWithStatus } from '../../testing/checks';
import { HealthGrid } from './HealthGrid';

const checks = [
  checkWithStatus({ id: 1, name: 'payments-prod', service: 'payments-api' }),
  checkWithStatus({
    id: 2,
    name: 'payments-db',
    service: 'payments-api',
    kind: 'postgres',
    source: 'api',
    status: 'unhealthy',
    runbookUrl: 'https://runbooks.example.com/payments-db',
  }),
  checkWithStatus({
    id: 3,
    name: 'checkout-web',
    service: 'checkout-web',
    status: 'maintenance',
  }),
  checkWithStatus({
    id: 4,
    name: 'search',
    service: 'search',
    status: 'unknown',
  }),
];

const entity = (
  name: string,
  service: string,
  system: string,
  owner: string,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations: { 'opshub.io/health-service': service } },
  spec: { system, owner },
});

function render(canManage: boolean, api: Partial<InfraHealthApi> = {}) {
  const listChecks = jest.fn().mockResolvedValue({ items: checks, canManage });
  const catalogApi = {
    getEntities: jest.fn().mockResolvedValue({
      items: [
        entity(
          'payments',
          'payments-api',
          'payments',
          'group:default/team-pay',
        ),
        entity('checkout', 'checkout-web', 'shop', 'group:default/team-shop'),
      ],
    }),
  };
  return {
    listChecks,
    ...renderInTestApp(
      <TestApiProvider
        apis={[
          [infraHealthApiRef, { listChecks, ...api }],
          [catalogApiRef, catalogApi],
        ]}
      >
        <HealthGrid />
      </TestApiProvider>,
      { mountedRoutes: { '/infra-health/checks/:id': checkRouteRef } },
    ),
  };
}

describe('HealthGrid', () => {
  it('counts statuses and filters by status, system and owner', async () => {
    render(false);
    expect(await screen.findByTestId('count-healthy')).toHaveTextContent(
      'Up: 1',
    );
    expect(screen.getByTestId('count-unhealthy')).toHaveTextContent('Down: 1');
    expect(screen.getByTestId('count-maintenance')).toHaveTextContent(
      'Maintenance: 1',
    );
    expect(screen.getByTestId('count-unknown')).toHaveTextContent('Unknown: 1');

    fireEvent.click(screen.getByTestId('count-unhealthy'));
    expect(screen.getByTestId('health-check-payments-db')).toBeInTheDocument();
    expect(screen.queryByTestId('health-check-payments-prod')).toBeNull();
    fireEvent.click(screen.getByTestId('count-unhealthy'));

    // system from the catalog entity carrying the annotation
    fireEvent.mouseDown(screen.getByLabelText('System'));
    fireEvent.click(await screen.findByRole('option', { name: 'shop' }));
    await waitFor(() =>
      expect(screen.queryByTestId('health-check-payments-prod')).toBeNull(),
    );
    expect(screen.getByTestId('health-check-checkout-web')).toHaveAttribute(
      'data-status',
      'maintenance',
    );
    // no add or edit without check.manage
    expect(screen.queryByRole('button', { name: 'Add check' })).toBeNull();
  });

  it('links tiles to the drill-down and runbook', async () => {
    render(false);
    const tile = await screen.findByTestId('health-check-payments-db');
    expect(within(tile).getByText('Details').closest('a')).toHaveAttribute(
      'href',
      '/infra-health/checks/2',
    );
    expect(within(tile).getByText('Runbook').closest('a')).toHaveAttribute(
      'href',
      'https://runbooks.example.com/payments-db',
    );
  });

  it('lets managers add checks and edit API checks, config checks read-only', async () => {
    const createCheck = jest.fn().mockResolvedValue(checks[1]);
    render(true, { createCheck });
    const configTile = await screen.findByTestId('health-check-payments-prod');
    expect(within(configTile).queryByText('Edit')).toBeNull();
    expect(
      within(configTile).getByText('from config, read-only'),
    ).toBeInTheDocument();
    const apiTile = screen.getByTestId('health-check-payments-db');
    expect(within(apiTile).getByText('Edit')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Add check' }));
    fireEvent.change(screen.getByLabelText('Name'), {
      target: { value: 'new-check' },
    });
    fireEvent.change(screen.getByLabelText('Service'), {
      target: { value: 'search' },
    });
    fireEvent.change(screen.getByLabelText('URL'), {
      target: { value: 'https://search.example.com/ready' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(createCheck).toHaveBeenCalled());
    expect(createCheck.mock.calls[0][0]).toMatchObject({
      kind: 'http',
      name: 'new-check',
      service: 'search',
      url: 'https://search.example.com/ready',
      expectedStatuses: ['200'],
    });
  });

  it('edits an API check keeping its secrets, and deletes after confirming', async () => {
    const updateCheck = jest.fn().mockResolvedValue(checks[1]);
    const deleteCheck = jest.fn().mockResolvedValue(undefined);
    const { listChecks } = render(true, { updateCheck, deleteCheck });
    const apiTile = await screen.findByTestId('health-check-payments-db');
    fireEvent.click(within(apiTile).getByText('Edit'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Edit payments-db')).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText('Failures before down'), {
      target: { value: '3' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updateCheck).toHaveBeenCalled());
    expect(updateCheck.mock.calls[0][0]).toBe(2);
    expect(updateCheck.mock.calls[0][1]).toMatchObject({
      kind: 'postgres',
      // the redacted connection as shown: the backend keeps the stored one
      connection: checks[1].url,
      failureThreshold: 3,
    });

    fireEvent.click(
      within(screen.getByTestId('health-check-payments-db')).getByText(
        'Delete',
      ),
    );
    expect(deleteCheck).not.toHaveBeenCalled();
    const confirm = await screen.findByRole('dialog');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(deleteCheck).toHaveBeenCalledWith(2));
    await waitFor(() =>
      expect(listChecks.mock.calls.length).toBeGreaterThan(2),
    );
  });
});
