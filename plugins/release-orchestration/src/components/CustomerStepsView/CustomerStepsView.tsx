import {
  Content,
  ContentHeader,
  LinkButton,
  Table,
  TableColumn,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import {
  CustomerStep,
  STEP_CATEGORIES,
  stepUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { useReleaseRefresh } from '../../hooks/useReleaseSignal';
import { useRelease, useReleaseProgress } from '../../hooks/useReleases';
import { useAllowed } from '../../hooks/useReleasePermissions';
import { useCustomerSteps } from '../../hooks/useSteps';
import { useStepWrites } from '../../hooks/useStepWrites';
import { AddCustomStepDialog, CustomStepInput } from '../AddCustomStepDialog';
import { usePaths } from '../paths';
import { ProgressBar } from '../ProgressBar';
import { StepDetailPanel, stepSource } from '../StepDetailPanel';

const columns: TableColumn<CustomerStep>[] = [
  {
    title: '#',
    field: 'orderIndex',
    width: '48px',
    render: s => s.orderIndex + 1,
  },
  { title: 'Step', field: 'name' },
  { title: 'Type', field: 'type' },
  { title: 'Source', render: s => stepSource(s) },
  {
    title: 'Status',
    field: 'status',
    render: s => <StatusChip status={s.status} />,
  },
  {
    title: 'Executed by',
    field: 'executedBy',
    render: s => s.executedBy ?? '—',
  },
  { title: 'Notes', render: s => s.skipReason ?? s.notes ?? '' },
];

/**
 * The steps of one customer in one release, by category, with the step
 * panel and "Add custom step".
 *
 * @internal
 */
export const CustomerStepsView = () => {
  const params = useParams();
  const releaseId = Number(params.id);
  const customerId = Number(params.customerId);
  const paths = usePaths();
  const { refresh, bump } = useReleaseRefresh(releaseId);
  const release = useRelease(releaseId, refresh);
  const progress = useReleaseProgress(releaseId, refresh);
  const steps = useCustomerSteps(releaseId, customerId, refresh);
  const stepWrites = useStepWrites(bump);
  const canUpdateSteps = useAllowed(stepUpdatePermission, String(releaseId));
  const [openStep, setOpenStep] = useState<number>();
  const [adding, setAdding] = useState(false);
  const customer = progress.value?.customers.find(
    c => c.customerId === customerId,
  );
  const customerName = customer?.customerName ?? `Customer ${customerId}`;

  const addStep = async (input: CustomStepInput) => {
    const created = await stepWrites.addCustomStep(
      releaseId,
      customerId,
      input,
    );
    if (created === undefined) {
      return;
    }
    setAdding(false);
    bump();
  };

  return (
    <Content>
      <ContentHeader
        title={`${customerName} in ${release.value?.name ?? 'release'}`}
        description={customer ? `Cluster ${customer.clusterName}` : undefined}
      >
        <Box display="flex" style={{ gap: 8 }}>
          <LinkButton to={paths.release(releaseId)}>
            Back to the release
          </LinkButton>
          {canUpdateSteps && release.value?.status === 'active' && (
            <Button
              variant="contained"
              color="primary"
              onClick={() => setAdding(true)}
            >
              Add custom step
            </Button>
          )}
        </Box>
      </ContentHeader>
      {customer && (
        <Box mb={2} maxWidth={480}>
          <ProgressBar progress={customer.progress} label={customerName} />
        </Box>
      )}
      <AsyncView
        {...steps}
        isEmpty={items => items.length === 0}
        emptyTitle="No steps for this customer"
      >
        {items => (
          <Grid container spacing={2}>
            {STEP_CATEGORIES.map(category => (
              <Grid item xs={12} key={category}>
                <Table<CustomerStep>
                  title={`${category === 'deploy' ? 'Deploy' : 'Verify'} steps`}
                  columns={columns}
                  data={items.filter(s => s.category === category)}
                  onRowClick={(_e, row) => row && setOpenStep(row.id)}
                  options={{ paging: false, search: false, padding: 'dense' }}
                />
              </Grid>
            ))}
          </Grid>
        )}
      </AsyncView>
      {openStep !== undefined && (
        <StepDetailPanel
          stepId={openStep}
          refresh={refresh}
          subtitleFor={() => customerName}
          onClose={() => setOpenStep(undefined)}
          onChanged={bump}
        />
      )}
      {adding && (
        <AddCustomStepDialog
          customerName={customerName}
          customerSteps={steps.value ?? []}
          templates={release.value?.templates ?? []}
          onClose={() => setAdding(false)}
          onAdd={addStep}
        />
      )}
    </Content>
  );
};
