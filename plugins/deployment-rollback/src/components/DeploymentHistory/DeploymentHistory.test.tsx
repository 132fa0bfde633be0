import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deployment, mockApi } from '../../__testUtils__/fixtures';
import { deploymentRollbackApiRef } from '../../api';
import { DeploymentHistory } from './DeploymentHistory';

jest.setTimeout(60_000);

async function choose(label: RegExp, option: string) {
  fireEvent.mouseDown(screen.getByRole('button', { name: label }));
  const listbox = await screen.findByRole('listbox');
  await userEvent.click(within(listbox).getByRole('option', { name: option }));
}

describe('DeploymentHistory', () => {
  it('sends the environment, status and date filters to the server and goes back to the first page', async () => {
    const api = mockApi({
      listDeployments: jest.fn().mockResolvedValue({
        items: [deployment({ id: 3, version: '2.4.0' })],
        totalCount: 45,
        limit: 20,
        offset: 0,
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentRollbackApiRef, api]]}>
        <DeploymentHistory
          service="payments-api"
          environments={['dev', 'uat', 'prod']}
        />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Deployment history (45)'),
    ).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenLastCalledWith({
      service: 'payments-api',
      limit: 20,
      offset: 0,
    });

    // next page
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 20 }),
      ),
    );

    await choose(/^Environment /, 'uat');
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith({
        service: 'payments-api',
        environment: 'uat',
        limit: 20,
        offset: 0,
      }),
    );

    await choose(/^Status /, 'rolled back');
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        expect.objectContaining({
          environment: 'uat',
          status: 'rolled_back',
          offset: 0,
        }),
      ),
    );

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-11-01' },
    });
    fireEvent.change(screen.getByLabelText('To'), {
      target: { value: '2026-11-03' },
    });
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith({
        service: 'payments-api',
        environment: 'uat',
        status: 'rolled_back',
        from: new Date('2026-11-01T00:00:00').toISOString(),
        to: new Date('2026-11-03T23:59:59.999').toISOString(),
        limit: 20,
        offset: 0,
      }),
    );
  });

  it('says when no deployment matches the filters', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentRollbackApiRef, mockApi()]]}>
        <DeploymentHistory service="payments-api" environments={['dev']} />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('No deployments recorded yet'),
    ).toBeInTheDocument();
    await choose(/^Status /, 'failed');
    expect(
      await screen.findByText('No deployment matches these filters'),
    ).toBeInTheDocument();
  });
});

describe('DeploymentHistory audit export', () => {
  it('downloads the audit trail of the service as CSV', async () => {
    const createObjectURL = jest.fn(() => 'blob:audit');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const api = mockApi({
      exportAuditCsv: jest.fn().mockResolvedValue('id,action\n'),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentRollbackApiRef, api]]}>
        <DeploymentHistory service="payments-api" environments={['dev']} />
      </TestApiProvider>,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Export audit (CSV)' }),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(api.exportAuditCsv).toHaveBeenCalledWith({
      service: 'payments-api',
    });
    expect(createObjectURL).toHaveBeenCalled();
    expect((click.mock.instances[0] as any).download).toBe(
      'deployment-audit-payments-api.csv',
    );
    click.mockRestore();
  });
});
