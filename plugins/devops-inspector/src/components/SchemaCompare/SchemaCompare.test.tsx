import { signalApiRef } from '@backstage/plugin-signals-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  CompareJob,
  compareJobSignalChannel,
  MultiCompareResult,
  SchemaSnapshotSummary,
} from '@opshub/plugin-devops-inspector-common';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { DevopsInspectorApi, devopsInspectorApiRef } from '../../api';
import { difference, targetResult } from '../../testing/compare';
import { mockApi } from '../../testing/fixtures';
import { FakeSignalApi } from '@opshub/opshub-react/testUtils';
import { SchemaCompare, toCsv } from './SchemaCompare';

const enumChanged = difference({
  objectType: 'enum',
  name: 'payment_status',
  change: 'modified',
  severity: 'breaking',
  hazards: [{ code: 'enum_value_removed', reason: "'disputed' is gone" }],
  source: { values: ['new', 'paid', 'disputed'], owner: 'app' },
  target: { values: ['new', 'paid'], owner: 'app' },
  sql: '-- uat lacks the enum value \'disputed\'\nALTER TYPE "public"."payment_status" RENAME TO x;',
});
const defaultChanged = difference({
  objectType: 'column',
  table: 'accounts',
  name: 'currency',
  change: 'modified',
  severity: 'hazard',
  hazards: [{ code: 'default_changed', reason: 'EUR to USD' }],
  sql: 'ALTER TABLE "public"."accounts" ALTER COLUMN "currency" SET DEFAULT \'USD\';',
});
const tableDropped = difference({
  objectType: 'table',
  name: 'disputes',
  change: 'removed',
  severity: 'breaking',
  children: [
    difference({
      objectType: 'sequence',
      name: 'disputes_id_seq',
      change: 'removed',
      severity: 'breaking',
    }),
  ],
});

const result: MultiCompareResult = {
  source: 'local',
  generatedAt: '2026-12-01T10:00:00.000Z',
  results: [
    targetResult('local', 'uat', [enumChanged, defaultChanged, tableDropped]),
    targetResult('local', 'dev', []),
    { target: 'prod', error: 'connection refused' },
  ],
};

function job(state: CompareJob['state'], extra: Partial<CompareJob> = {}) {
  return {
    id: 'job-1',
    state,
    createdAt: '2026-12-01T10:00:00.000Z',
    progress: {
      phase: 'targets' as const,
      completed: 2,
      total: 7,
      message: 'Introspecting target 2 of 3 (dev)',
    },
    ...extra,
  };
}

const done = job('succeeded', {
  finishedAt: '2026-12-01T10:00:05.000Z',
  progress: { phase: 'done', completed: 7, total: 7, message: 'Done' },
  result,
});

async function render(
  api: DevopsInspectorApi,
  options: {
    signals?: FakeSignalApi;
    initialSource?: string;
    initialTargets?: string[];
    pollMs?: number;
  } = {},
) {
  const { signals, ...props } = options;
  const apis: any[] = [
    [devopsInspectorApiRef, api],
    [permissionApiRef, mockApis.permission()],
  ];
  if (signals) {
    apis.push([signalApiRef, signals]);
  }
  return renderInTestApp(
    <TestApiProvider apis={apis as any}>
      <SchemaCompare
        environments={['local', 'uat', 'dev', 'prod']}
        pollMs={options.pollMs ?? 60_000}
        {...props}
      />
    </TestApiProvider>,
  );
}

describe('SchemaCompare', () => {
  it('starts a job, shows its progress from signals, then the summaries and the matrix', async () => {
    const signals = new FakeSignalApi();
    const api = mockApi({
      startCompareJob: jest.fn(async () => job('running')),
      getCompareJob: jest.fn(async () => done),
    });
    const onCompare = jest.fn();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [devopsInspectorApiRef, api],
          [signalApiRef, signals],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <SchemaCompare
          environments={['local', 'uat', 'dev', 'prod']}
          onCompare={onCompare}
          pollMs={60_000}
        />
      </TestApiProvider>,
    );
    fireEvent.click(screen.getByLabelText('uat'));
    fireEvent.click(screen.getByLabelText('dev'));
    fireEvent.click(screen.getByLabelText('prod'));
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));

    expect(
      await screen.findByText(
        'Introspecting target 2 of 3 (dev) · step 2 of 7',
      ),
    ).toBeInTheDocument();
    expect(api.startCompareJob).toHaveBeenCalledWith('local', [
      'uat',
      'dev',
      'prod',
    ]);
    expect(onCompare).toHaveBeenCalledWith('local', ['uat', 'dev', 'prod']);
    const channel = compareJobSignalChannel('job-1');
    expect(signals.subscribers(channel)).toBe(1);

    act(() =>
      signals.emit(channel, {
        ...job('running'),
        progress: {
          phase: 'diff',
          completed: 5,
          total: 7,
          message: 'Comparing local with uat',
        },
      }),
    );
    expect(
      await screen.findByText('Comparing local with uat · step 5 of 7'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Comparison progress: 71%' }),
    ).toBeInTheDocument();
    expect(api.getCompareJob).not.toHaveBeenCalled();

    // the success arrives by signal, without the result: read it once
    const { result: _omitted, ...finished } = done;
    act(() => signals.emit(channel, finished));
    const matrix = await screen.findByTestId('drift-matrix');
    expect(api.getCompareJob).toHaveBeenCalledTimes(1);
    expect(signals.subscribers(channel)).toBe(0);

    // summaries: counts, in sync, not compared
    const uat = screen.getByRole('region', { name: 'Summary for uat' });
    expect(within(uat).getByText('3 differences')).toBeInTheDocument();
    expect(within(uat).getByText('breaking 2')).toBeInTheDocument();
    expect(within(uat).getByText('hazard 1')).toBeInTheDocument();
    expect(
      within(uat).getByText('default_changed 1 · enum_value_removed 1'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Summary for dev' })).getByText(
        'In sync',
      ),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('region', { name: 'Summary for prod' }),
      ).getByText('Not compared: connection refused'),
    ).toBeInTheDocument();
    // the migration SQL of uat, on demand
    fireEvent.click(
      within(uat).getByRole('button', { name: /Show migration SQL/ }),
    );
    await waitFor(() =>
      expect(within(uat).getByTestId('code-block-sql')).toHaveTextContent(
        `SET DEFAULT 'USD'`,
      ),
    );
    expect(
      within(uat).getByRole('button', { name: 'Copy migration SQL for uat' }),
    ).toBeInTheDocument();

    // the matrix: three objects, the sequence folded under its table
    expect(within(matrix).getByText('Object (3 of 3)')).toBeInTheDocument();
    expect(within(matrix).getAllByTestId('drift-row')).toHaveLength(3);
    expect(
      screen.getByRole('button', { name: 'Download CSV' }),
    ).toBeInTheDocument();
  });

  it('opens a row: definitions side by side with the differences marked, hazards and SQL per target', async () => {
    const api = mockApi({
      startCompareJob: jest.fn(async () => done),
    });
    await render(api, { initialTargets: ['uat', 'dev'] });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    fireEvent.click(await screen.findByText('public.payment_status'));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('enum public.payment_status'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText("'disputed' is gone", { exact: false }),
    ).toBeInTheDocument();
    const definitions = within(dialog).getByRole('table', {
      name: 'Definitions side by side',
    });
    const values = within(definitions).getByText('["new","paid"]');
    expect(values).toHaveAttribute('data-differs', 'true');
    // the same owner is not marked
    const owners = within(definitions)
      .getAllByText('app')
      .map(cell => cell.getAttribute('data-differs'));
    expect(owners).toEqual([null, null]);
    const sql = within(dialog).getByTestId('difference-sql-uat');
    await waitFor(() =>
      expect(within(sql).getByTestId('code-block-sql')).toHaveTextContent(
        'RENAME TO x',
      ),
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Close difference details' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('cancels a running job', async () => {
    const api = mockApi({
      startCompareJob: jest.fn(async () => job('running')),
      cancelCompareJob: jest.fn(async () =>
        job('cancelled', { finishedAt: '2026-12-01T10:00:02.000Z' }),
      ),
    });
    await render(api, { initialTargets: ['uat'] });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/Comparison cancelled/)).toBeInTheDocument();
    expect(api.cancelCompareJob).toHaveBeenCalledWith('job-1');
    expect(screen.queryByTestId('compare-progress')).not.toBeInTheDocument();
  });

  it('polls the job when no signal arrives, and shows a failure', async () => {
    const api = mockApi({
      startCompareJob: jest.fn(async () => job('running')),
      getCompareJob: jest
        .fn()
        .mockResolvedValueOnce(job('running'))
        .mockResolvedValueOnce(
          job('failed', {
            error: 'canceling statement due to statement timeout',
          }),
        ),
    });
    await render(api, { initialTargets: ['uat'], pollMs: 20 });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(
      await screen.findByText('canceling statement due to statement timeout'),
    ).toBeInTheDocument();
    expect(api.getCompareJob).toHaveBeenCalledTimes(2);
  });

  it('says when starting the job fails', async () => {
    const api = mockApi({
      startCompareJob: jest.fn(async () => {
        throw new Error('Environment qa is not configured');
      }),
    });
    await render(api, { initialTargets: ['uat'] });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect(
      await screen.findByText('Environment qa is not configured'),
    ).toBeInTheDocument();
  });

  it('preselects the source and targets, offers snapshots and takes one', async () => {
    const snapshot: SchemaSnapshotSummary = {
      id: '0b7e6f6e-0000-4000-8000-000000000001',
      environment: 'uat',
      label: 'release 2026.11',
      takenAt: '2026-11-30T09:00:00.000Z',
      takenBy: 'user:default/ada',
      objectCount: 120,
      sizeBytes: 4096,
    };
    const api = mockApi({
      listSnapshots: jest.fn(async (environment: string) => ({
        items: environment === 'uat' ? [snapshot] : [],
        total: environment === 'uat' ? 1 : 0,
        limit: 20,
        offset: 0,
      })),
      createSnapshot: jest.fn(async () => ({ ...snapshot, id: 'new' })),
      startCompareJob: jest.fn(async () => job('running')),
    });
    await render(api, {
      initialSource: 'uat',
      initialTargets: ['dev', 'unknown-env'],
    });
    expect(screen.getByLabelText('Source')).toHaveValue('uat');
    expect(screen.getByLabelText('dev')).toBeChecked();
    // add the snapshot as a target
    const add = await screen.findByLabelText('Add a snapshot target');
    const option = within(add).getByRole('option', {
      name: /uat @ .* \(release 2026\.11\)/,
    });
    fireEvent.change(add, { target: { value: option.getAttribute('value') } });
    expect(
      screen.getByText(/uat @ .* \(release 2026\.11\)/, { selector: 'span' }),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await waitFor(() =>
      expect(api.startCompareJob).toHaveBeenCalledWith('uat', [
        'dev',
        `snapshot:${snapshot.id}`,
      ]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Take snapshot' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Take a snapshot of uat'),
    ).toBeInTheDocument();
    fireEvent.change(within(dialog).getByLabelText('Label (optional)'), {
      target: { value: ' before 2026.12 ' },
    });
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Take snapshot' }),
    );
    await waitFor(() =>
      expect(api.createSnapshot).toHaveBeenCalledWith('uat', 'before 2026.12'),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    // the lists are read again
    await waitFor(() => expect(api.listSnapshots).toHaveBeenCalledTimes(8));
  });

  it('downloads the source snapshot as a file', async () => {
    const snapshot: SchemaSnapshotSummary = {
      id: '0b7e6f6e-0000-4000-8000-000000000002',
      environment: 'uat',
      label: null,
      takenAt: '2026-11-30T09:00:00.000Z',
      takenBy: 'user:default/ada',
      objectCount: 120,
      sizeBytes: 4096,
    };
    const blob = new Blob(['{"format":"opshub-schema-snapshot"}']);
    const api = mockApi({
      listSnapshots: jest.fn(async (environment: string) => ({
        items: environment === 'uat' ? [snapshot] : [],
        total: environment === 'uat' ? 1 : 0,
        limit: 20,
        offset: 0,
      })),
      downloadSnapshot: jest.fn(async () => ({
        blob,
        filename: 'schema-snapshot-uat-20261130T090000Z.json',
      })),
    });
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:snapshot');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    const saved: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function save(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    try {
      await render(api, { initialSource: 'uat' });
      // a live source has nothing to download
      expect(
        screen.queryByRole('button', { name: 'Download snapshot' }),
      ).not.toBeInTheDocument();
      const source = screen.getByLabelText('Source');
      await waitFor(() =>
        expect(
          within(source).getByRole('option', { name: /uat @ / }),
        ).toBeInTheDocument(),
      );
      fireEvent.change(source, {
        target: { value: `snapshot:${snapshot.id}` },
      });
      fireEvent.click(
        await screen.findByRole('button', { name: 'Download snapshot' }),
      );
      await waitFor(() =>
        expect(saved).toEqual(['schema-snapshot-uat-20261130T090000Z.json']),
      );
      expect(api.downloadSnapshot).toHaveBeenCalledWith(snapshot.id);
      expect(createObjectURL).toHaveBeenCalledWith(blob);
    } finally {
      click.mockRestore();
    }
  });

  it('writes CSV with severities, folded children and escaped cells', () => {
    const lines = toCsv(result).split('\n');
    expect(lines[0]).toBe(
      '"target","objectType","schema","table","name","change","severity","breaking","hazards","foldedUnder"',
    );
    expect(lines[1]).toBe(
      '"uat","enum","public","","payment_status","modified","breaking","true","enum_value_removed",""',
    );
    expect(lines[4]).toBe(
      '"uat","sequence","public","","disputes_id_seq","removed","breaking","true","","table:public.disputes"',
    );
  });
});
