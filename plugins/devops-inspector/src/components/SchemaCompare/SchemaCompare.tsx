import { Progress, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { FormDialog, trimOrNull } from '@opshub/opshub-react';
import {
  isCompareError,
  MultiCompareResult,
  parseSnapshotRef,
  SchemaDifference,
  SchemaSnapshotSummary,
  inspectorSnapshotCreatePermission,
} from '@opshub/plugin-devops-inspector-common';
import { useCallback, useMemo, useState } from 'react';
import { useCompareJob } from '../../hooks/useCompareJob';
import {
  useDownloadSnapshot,
  useSnapshots,
  useTakeSnapshot,
} from '../../hooks/useSnapshots';
import { usePermission } from '@backstage/plugin-permission-react';
import { describeRef, environmentOfRef } from '../../utils/compareRefs';
import { download } from '../../utils/download';
import { CompareProgress } from '../CompareProgress';
import { CompareSummaries } from '../CompareSummaries';
import { DifferenceDetail } from '../DifferenceDetail';
import { buildMatrix, DriftMatrix, MatrixRow } from '../DriftMatrix';
import { CompareForm } from './CompareForm';

/**
 * CSV of the differences of every compared target; a folded dependent
 * object has its own line that names the table it is folded under.
 *
 * @internal
 */
export function toCsv(result: MultiCompareResult): string {
  const cell = (value: unknown) =>
    `"${String(value ?? '').replace(/"/g, '""')}"`;
  const line = (target: string, d: SchemaDifference, parent = '') =>
    [
      target,
      d.objectType,
      d.schema,
      d.table ?? '',
      d.name,
      d.change,
      d.severity,
      d.breaking,
      d.hazards.map(h => h.code).join(' '),
      parent,
    ]
      .map(cell)
      .join(',');
  const lines = [
    [
      'target',
      'objectType',
      'schema',
      'table',
      'name',
      'change',
      'severity',
      'breaking',
      'hazards',
      'foldedUnder',
    ]
      .map(cell)
      .join(','),
  ];
  for (const entry of result.results) {
    if (isCompareError(entry)) {
      continue;
    }
    for (const d of entry.differences) {
      lines.push(line(entry.target, d));
      for (const child of d.children ?? []) {
        lines.push(line(entry.target, child, d.key));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The summaries, the matrix and the detail of one finished comparison. */
const CompareResultView = (props: {
  result: MultiCompareResult;
  snapshotById: ReadonlyMap<string, SchemaSnapshotSummary>;
}) => {
  const { result, snapshotById } = props;
  const model = useMemo(() => buildMatrix(result), [result]);
  const labels = useMemo(
    () => model.columns.map(c => describeRef(c.ref, snapshotById)),
    [model, snapshotById],
  );
  const [open, setOpen] = useState<MatrixRow>();
  const sourceLabel = describeRef(result.source, snapshotById);
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
        <Typography variant="h6" component="h2" style={{ flexGrow: 1 }}>
          {sourceLabel} against {labels.join(', ')}
        </Typography>
        <Button
          size="small"
          onClick={() =>
            download(
              'schema-compare.json',
              'application/json',
              JSON.stringify(result, null, 2),
            )
          }
        >
          Download JSON
        </Button>
        <Button
          size="small"
          onClick={() =>
            download('schema-compare.csv', 'text/csv', toCsv(result))
          }
        >
          Download CSV
        </Button>
      </Box>
      <Box mb={2}>
        <CompareSummaries columns={model.columns} labels={labels} />
      </Box>
      <DriftMatrix model={model} labels={labels} onOpen={setOpen} />
      {open && (
        <DifferenceDetail
          row={open}
          columns={model.columns}
          sourceLabel={sourceLabel}
          labels={labels}
          onClose={() => setOpen(undefined)}
        />
      )}
    </Box>
  );
};

/** Asks for an optional label, then takes the snapshot. */
const TakeSnapshotDialog = (props: {
  environment: string;
  onTake: (label?: string) => Promise<unknown>;
  onClose: () => void;
}) => {
  const { environment, onTake, onClose } = props;
  const [label, setLabel] = useState('');
  return (
    <FormDialog
      title={`Take a snapshot of ${environment}`}
      submitLabel="Take snapshot"
      onClose={onClose}
      onSubmit={async () => {
        if (await onTake(trimOrNull(label) ?? undefined)) {
          onClose();
        }
      }}
    >
      <Typography variant="body2" gutterBottom>
        Stores the schema of {environment} as it is now, so that later
        comparisons can use it as a source or a target.
      </Typography>
      <TextField
        id="snapshot-label"
        label="Label (optional)"
        placeholder="e.g. release 2026.12"
        fullWidth
        value={label}
        onChange={e => setLabel(e.target.value)}
        inputProps={{ maxLength: 200 }}
      />
    </FormDialog>
  );
};

/** @internal */
export interface SchemaCompareProps {
  /** The environments the user may read. */
  environments: string[];
  /** Preselected source: an environment or `snapshot:<id>`. */
  initialSource?: string;
  initialTargets?: string[];
  /** Told about every comparison started, e.g. to keep the URL in step. */
  onCompare?: (source: string, targets: string[]) => void;
  /** How long to wait for progress before asking the backend (tests). */
  pollMs?: number;
}

/**
 * Compares the schema of a source (an environment or a stored snapshot)
 * with any number of targets as a background job with progress, then shows
 * a summary per target and the drift matrix of every target at once.
 *
 * @internal
 */
export const SchemaCompare = (props: SchemaCompareProps) => {
  const { environments, initialSource, initialTargets, onCompare, pollMs } =
    props;
  // a preselection must name an environment of the list or a snapshot
  const usable = (ref?: string): ref is string =>
    Boolean(
      ref &&
        (environments.includes(ref) || parseSnapshotRef(ref) !== undefined),
    );
  const [source, setSource] = useState(
    usable(initialSource) ? initialSource : environments[0] ?? '',
  );
  const [targets, setTargets] = useState<string[]>(() =>
    Array.from(new Set(initialTargets ?? [])).filter(
      t => usable(t) && t !== source,
    ),
  );
  const snapshots = useSnapshots(environments);
  const byEnvironment = useMemo(
    () => snapshots.value?.byEnvironment ?? {},
    [snapshots.value],
  );
  const snapshotById = useMemo(
    () =>
      new Map(
        Object.values(byEnvironment)
          .flat()
          .map(s => [s.id, s]),
      ),
    [byEnvironment],
  );
  const { job, error, starting, cancelling, start, cancel } = useCompareJob({
    pollMs,
  });
  const { retry } = snapshots;
  const { take } = useTakeSnapshot(retry);
  const { downloadSnapshot, busy: downloading } = useDownloadSnapshot();
  const [snapshotDialog, setSnapshotDialog] = useState(false);
  const snapshotEnvironment = environmentOfRef(source, snapshotById);
  const { allowed: canSnapshot, loading: checkingSnapshot } = usePermission({
    permission: inspectorSnapshotCreatePermission,
    resourceRef: snapshotEnvironment ?? '',
  });

  const compare = useCallback(() => {
    onCompare?.(source, targets);
    start(source, targets);
  }, [onCompare, start, source, targets]);

  const running = starting || job?.state === 'running';
  return (
    <Box>
      <CompareForm
        environments={environments}
        snapshots={byEnvironment}
        snapshotById={snapshotById}
        source={source}
        targets={targets}
        onSourceChange={next => {
          setSource(next);
          setTargets(list => list.filter(t => t !== next));
        }}
        onTargetsChange={setTargets}
        onCompare={compare}
        onTakeSnapshot={
          snapshotEnvironment && environments.includes(snapshotEnvironment)
            ? () => setSnapshotDialog(true)
            : undefined
        }
        takeSnapshotDisabledReason={
          canSnapshot || checkingSnapshot
            ? undefined
            : `You may not take snapshots of ${snapshotEnvironment} (${inspectorSnapshotCreatePermission.name})`
        }
        onDownloadSnapshot={downloadSnapshot}
        downloading={downloading}
        busy={running}
      />
      {snapshotDialog && snapshotEnvironment && (
        <TakeSnapshotDialog
          environment={snapshotEnvironment}
          onTake={label => take(snapshotEnvironment, label)}
          onClose={() => setSnapshotDialog(false)}
        />
      )}
      {starting && <Progress />}
      {error && (
        <WarningPanel severity="error" title="Comparison failed">
          {error.message}
        </WarningPanel>
      )}
      {job?.state === 'running' && (
        <CompareProgress job={job} onCancel={cancel} cancelling={cancelling} />
      )}
      {job?.state === 'failed' && (
        <WarningPanel severity="error" title="Comparison failed">
          {job.error ?? 'The comparison failed.'}
        </WarningPanel>
      )}
      {job?.state === 'cancelled' && (
        <WarningPanel severity="info" title="Comparison cancelled">
          The comparison was cancelled and its queries stopped; nothing was
          compared.
        </WarningPanel>
      )}
      {job?.state === 'succeeded' && !job.result && <Progress />}
      {job?.state === 'succeeded' && job.result && (
        <CompareResultView result={job.result} snapshotById={snapshotById} />
      )}
      {parseSnapshotRef(source) !== undefined && !snapshotEnvironment && (
        <Typography variant="caption" color="textSecondary">
          The source names a snapshot that is not in the lists above.
        </Typography>
      )}
    </Box>
  );
};
