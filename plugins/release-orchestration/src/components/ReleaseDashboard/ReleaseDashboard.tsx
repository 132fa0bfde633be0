import {
  Content,
  ContentHeader,
  EmptyState,
  LinkButton,
  StructuredMetadataTable,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import {
  MatrixCell,
  releaseActivatePermission,
  ReleaseDetail,
  releaseUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { useCallback, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useReleaseRefresh } from '../../hooks/useReleaseSignal';
import { useAllowed } from '../../hooks/useReleasePermissions';
import { useReleaseWrites } from '../../hooks/useReleaseWrites';
import { useStepWrites } from '../../hooks/useStepWrites';
import { useRelease, useReleaseProgress } from '../../hooks/useReleases';
import { ActivateReleaseDialog } from '../ActivateReleaseDialog';
import { AddCustomersDialog } from '../AddCustomersDialog';
import { ExportButtons } from './ExportButtons';
import { usePaths } from '../paths';
import { ProgressBar } from '../ProgressBar';
import { ReleaseEditDialogs } from '../ReleaseDialog';
import { ReleaseHistory } from '../ReleaseHistory';
import {
  BulkActionBar,
  MatrixBulkAction,
  QuickAction,
  ReleaseMatrix,
} from '../ReleaseMatrix';
import { StepDetailPanel } from '../StepDetailPanel';

type DialogName = 'activate' | 'addCustomers' | 'edit' | 'delete';

const Matrix = (props: {
  release: ReleaseDetail;
  refresh: number;
  bump: () => void;
  addCustomers: boolean;
  onCloseAddCustomers: () => void;
}) => {
  const { release, refresh, bump, addCustomers, onCloseAddCustomers } = props;
  const paths = usePaths();
  const progress = useReleaseProgress(release.id, refresh);
  const stepWrites = useStepWrites(bump);
  const { busy } = stepWrites;
  const releaseWrites = useReleaseWrites(bump);
  const [openStep, setOpenStep] = useState<number>();

  const quickAction = async (cell: MatrixCell, action: QuickAction) => {
    const step = { id: cell.stepId, version: cell.version };
    let result: unknown;
    if (action === 'done') {
      result = await stepWrites.markDone(step, undefined, false);
    } else if (action === 'revert') {
      result = await stepWrites.revert(step, undefined, false);
    } else {
      result = await stepWrites.reopen(step, false);
    }
    if (result !== undefined) {
      bump();
    }
  };

  const [selection, setSelection] = useState<Map<number, MatrixCell>>(
    new Map(),
  );
  const select = (cells: MatrixCell[], on: boolean) =>
    setSelection(current => {
      const next = new Map(current);
      for (const cell of cells) {
        if (on) {
          next.set(cell.stepId, cell);
        } else {
          next.delete(cell.stepId);
        }
      }
      return next;
    });
  const bulk = async (action: MatrixBulkAction, reason?: string) => {
    const selected = [...selection.values()].map(c => ({
      id: c.stepId,
      version: c.version,
    }));
    const done = await stepWrites.bulk(release.id, {
      action,
      steps: selected,
      ...(reason ? { reason } : {}),
    });
    // on success, and on a refused batch (the versions are refetched)
    setSelection(new Map());
    if (done !== undefined) {
      bump();
    }
  };

  const customerName = (stepCustomerId?: number) =>
    progress.value?.customers.find(c => c.customerId === stepCustomerId)
      ?.customerName;

  return (
    <>
      <AsyncView
        {...progress}
        isEmpty={value => value.clusters.length === 0}
        emptyTitle="No customers in this release yet"
        emptyDescription="Add customers to give them the steps of the release."
      >
        {value => (
          <>
            {selection.size > 0 && (
              <BulkActionBar
                count={selection.size}
                busy={busy}
                onAction={bulk}
                onClear={() => setSelection(new Map())}
              />
            )}
            <ReleaseMatrix
              releaseId={release.id}
              clusters={value.clusters}
              refresh={refresh}
              customerLink={customerId =>
                paths.releaseCustomer(release.id, customerId)
              }
              onOpenStep={setOpenStep}
              onQuickAction={quickAction}
              busy={busy}
              selected={new Set(selection.keys())}
              onSelect={release.status === 'active' ? select : undefined}
            />
          </>
        )}
      </AsyncView>
      <Box mt={3}>
        <ReleaseHistory
          releaseId={release.id}
          refresh={refresh}
          customerName={customerName}
          onOpenStep={setOpenStep}
        />
      </Box>
      {openStep !== undefined && (
        <StepDetailPanel
          stepId={openStep}
          refresh={refresh}
          subtitleFor={customerName}
          onClose={() => setOpenStep(undefined)}
          onChanged={bump}
        />
      )}
      {addCustomers && (
        <AddCustomersDialog
          releaseName={release.name}
          existingCustomerIds={
            new Set(progress.value?.customers.map(c => c.customerId))
          }
          onClose={onCloseAddCustomers}
          onAdd={async customerIds => {
            if (await releaseWrites.addReleaseCustomers(release, customerIds)) {
              onCloseAddCustomers();
              bump();
            }
          }}
        />
      )}
    </>
  );
};

/**
 * The dashboard of one release: progress, actions by status and the matrix of
 * steps per cluster and customer. It refetches on mount, after each write and
 * on every signal of the release.
 *
 * @internal
 */
export const ReleaseDashboard = () => {
  const params = useParams();
  const releaseId = Number(params.id);
  const paths = usePaths();
  const navigate = useNavigate();
  const { refresh, bump } = useReleaseRefresh(releaseId);
  const state = useRelease(releaseId, refresh);
  const writes = useReleaseWrites(bump);
  const [dialog, setDialog] = useState<DialogName>();
  const closeDialog = useCallback(() => setDialog(undefined), []);
  const canUpdate = useAllowed(releaseUpdatePermission, String(releaseId));
  const canActivate = useAllowed(releaseActivatePermission, String(releaseId));

  return (
    <Content>
      <AsyncView {...state} emptyTitle="Release not found">
        {release => (
          <>
            <ContentHeader
              title={`Release ${release.name}`}
              description={release.description ?? undefined}
            >
              <Box display="flex" style={{ gap: 8 }}>
                <LinkButton to={paths.templates(release.id)}>
                  Template steps
                </LinkButton>
                <ExportButtons releaseId={release.id} />
                {canUpdate && release.status !== 'archived' && (
                  <Button variant="outlined" onClick={() => setDialog('edit')}>
                    Edit release
                  </Button>
                )}
                {canUpdate && release.status === 'draft' && (
                  <Button
                    variant="outlined"
                    onClick={() => setDialog('delete')}
                  >
                    Delete draft
                  </Button>
                )}
                {canActivate && release.status === 'draft' && (
                  <Button
                    variant="contained"
                    color="primary"
                    disabled={release.templates.length === 0}
                    onClick={() => setDialog('activate')}
                  >
                    Activate
                  </Button>
                )}
                {canActivate && release.status === 'active' && (
                  <Button
                    variant="outlined"
                    color="primary"
                    onClick={() => setDialog('addCustomers')}
                  >
                    Add customers
                  </Button>
                )}
                {canUpdate && release.status === 'active' && (
                  <Button
                    variant="outlined"
                    disabled={writes.busy}
                    onClick={async () => {
                      if (await writes.archiveRelease(release)) {
                        bump();
                      }
                    }}
                  >
                    Archive
                  </Button>
                )}
              </Box>
            </ContentHeader>
            <Grid container spacing={2}>
              <Grid item xs={12} md={5}>
                <Paper variant="outlined">
                  <Box p={2}>
                    <StructuredMetadataTable
                      dense
                      metadata={{
                        status: <StatusChip status={release.status} />,
                        type: release.type,
                        version: release.versionNumber ?? '—',
                        'release date': release.releaseDate ?? '—',
                        ships: release.catalogEntityRef ?? '—',
                        customers: release.customerCount,
                      }}
                    />
                  </Box>
                </Paper>
              </Grid>
              <Grid item xs={12} md={7}>
                <Paper variant="outlined">
                  <Box p={2}>
                    <Typography variant="subtitle1">
                      {release.progress.done + release.progress.skipped} of{' '}
                      {release.progress.total} steps finished
                    </Typography>
                    <ProgressBar
                      progress={release.progress}
                      label={release.name}
                    />
                    <Typography variant="caption" color="textSecondary">
                      {release.progress.done} done · {release.progress.skipped}{' '}
                      skipped · {release.progress.reverted} reverted ·{' '}
                      {release.progress.pending} pending
                    </Typography>
                  </Box>
                </Paper>
              </Grid>
              <Grid item xs={12}>
                {release.status === 'draft' ? (
                  <EmptyState
                    missing="content"
                    title={`${release.name} is a draft`}
                    description={`It has ${release.templates.length} template steps. Activate it to copy them to the customers you select.`}
                  />
                ) : (
                  <Matrix
                    release={release}
                    refresh={refresh}
                    bump={bump}
                    addCustomers={dialog === 'addCustomers'}
                    onCloseAddCustomers={() => setDialog(undefined)}
                  />
                )}
              </Grid>
            </Grid>
            {dialog === 'activate' && (
              <ActivateReleaseDialog
                releaseName={release.name}
                templateCount={release.templates.length}
                onClose={() => setDialog(undefined)}
                onActivate={async customerIds => {
                  if (await writes.activateRelease(release, customerIds)) {
                    setDialog(undefined);
                    bump();
                  }
                }}
              />
            )}
            <ReleaseEditDialogs
              release={release}
              open={
                dialog === 'edit' || dialog === 'delete' ? dialog : undefined
              }
              onClose={closeDialog}
              onChanged={bump}
              onDeleted={() => navigate(paths.root)}
            />
          </>
        )}
      </AsyncView>
    </Content>
  );
};
