import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { DataCheckResult } from '@opshub/plugin-devops-inspector-common';
import { fireEvent, screen } from '@testing-library/react';
import { devopsInspectorApiRef } from '../../api';
import { mockApi } from '../../testing/fixtures';
import { DataCheck } from './DataCheck';

const result: DataCheckResult = {
  source: 'local',
  target: 'uat',
  method: 'direct',
  fallbackReason:
    'the fdw admin role inspector lacks CREATE on database app of local',
  generatedAt: '2025-01-01T00:00:00.000Z',
  tables: [
    {
      schema: 'public',
      table: 'payments',
      sourceRows: 1200,
      targetRows: 1234,
      difference: 34,
    },
    {
      schema: 'public',
      table: 'events',
      sourceRows: 5,
      targetRows: null,
      difference: null,
      timedOut: true,
    },
  ],
};

describe('DataCheck', () => {
  it('counts rows and shows the method and the fallback reason', async () => {
    const checkRowCounts = jest.fn(async () => result);
    const api = mockApi({ checkRowCounts });
    await renderInTestApp(
      <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
        <DataCheck environments={['local', 'uat']} />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Count rows' }));
    expect(await screen.findByText('payments')).toBeInTheDocument();
    expect(checkRowCounts).toHaveBeenCalledWith('local', 'uat');
    expect(
      screen.getByText('counted with direct connections'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/lacks CREATE on database app/),
    ).toBeInTheDocument();
    expect(screen.getByText('+34')).toBeInTheDocument();
    expect(screen.getByText('timed out')).toBeInTheDocument();
  });

  it('shows why the check failed', async () => {
    const api = mockApi({
      checkRowCounts: jest.fn(async () => {
        throw new Error(
          'data check is disabled; set devopsInspector.dataCheck.enabled',
        );
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
        <DataCheck environments={['local', 'uat']} />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Count rows' }));
    expect(
      await screen.findByText(/data check is disabled/),
    ).toBeInTheDocument();
  });
});
