import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { MultiCompareResult } from '@opshub/plugin-devops-inspector-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { devopsInspectorApiRef } from '../../api';
import { mockApi } from '../../testing/fixtures';
import { SchemaCompare, toCsv } from './SchemaCompare';

const result: MultiCompareResult = {
  source: 'local',
  generatedAt: '2025-01-01T00:00:00.000Z',
  results: [
    {
      source: 'local',
      target: 'uat',
      generatedAt: '2025-01-01T00:00:00.000Z',
      summary: {
        total: 2,
        breakingCount: 1,
        byChange: { added: 0, removed: 0, modified: 2 },
        byObjectType: { column: 1, enum: 1 },
        bySeverity: { breaking: 1, hazard: 1, info: 0 },
        byHazard: { enum_value_removed: 1, default_changed: 1 },
      },
      differences: [
        {
          key: 'enum:public.payment_status',
          objectType: 'enum',
          schema: 'public',
          name: 'payment_status',
          change: 'modified',
          severity: 'breaking',
          breaking: true,
          hazards: [{ code: 'enum_value_removed', reason: 'gone' }],
        },
        {
          key: 'column:public.accounts.currency',
          objectType: 'column',
          schema: 'public',
          table: 'accounts',
          name: 'currency',
          change: 'modified',
          severity: 'hazard',
          breaking: false,
          hazards: [{ code: 'default_changed', reason: 'EUR to USD' }],
        },
      ],
      migrationSql:
        'ALTER TABLE "public"."accounts" ALTER COLUMN "currency" SET DEFAULT \'USD\';\n',
    },
    { target: 'prod', error: 'connection refused' },
  ],
};

describe('SchemaCompare', () => {
  it('compares and shows breaking differences, groups, SQL and errors', async () => {
    const api = mockApi({ compareSchemas: jest.fn(async () => result) } as any);
    await renderInTestApp(
      <TestApiProvider apis={[[devopsInspectorApiRef, api]]}>
        <SchemaCompare environments={['local', 'uat', 'prod']} />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByLabelText('uat'));
    fireEvent.click(screen.getByLabelText('prod'));
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(await screen.findByText('local → uat')).toBeInTheDocument();
    expect((api as any).compareSchemas).toHaveBeenCalledWith('local', [
      'uat',
      'prod',
    ]);
    expect(screen.getByText(/1 breaking difference/)).toBeInTheDocument();
    expect(screen.getByText(/prod: not compared/)).toBeInTheDocument();
    // the migration SQL in the shared, highlighted code block with its copy button
    await waitFor(() =>
      expect(screen.getByTestId('code-block-sql')).toHaveTextContent(
        `ALTER TABLE "public"."accounts" ALTER COLUMN "currency" SET DEFAULT 'USD';`,
      ),
    );
    expect(
      screen.getByRole('button', { name: 'Download CSV' }),
    ).toBeInTheDocument();
  });

  it('writes CSV with escaped cells', () => {
    const csv = toCsv(result);
    expect(csv.split('\n')[1]).toBe(
      '"uat","enum","public","","payment_status","modified","true","enum_value_removed"',
    );
  });
});
