import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { AsyncView, Pager, usePaging } from '@opshub/opshub-react';
import {
  AlertState,
  ALERT_STATES,
  HealthAlert,
} from '@opshub/plugin-infra-health-common';
import { useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { useAlertPermissions } from '../../hooks/useAlertPermissions';
import { useAlerts, useAlertsRefresh } from '../../hooks/useAlerts';
import { AcknowledgeDialog } from '../AlertDialogs';
import { AlertsTable } from '../AlertsTable';

const SEVERITIES = ['critical', 'error', 'warning', 'info'];
/** The value of the "all" choice of a filter (MUI shows no label for ''). */
const ALL = 'all';

/** @internal */
export interface AlertFeedProps {
  /** Only this service's alerts, without the service filter (entity tab). */
  service?: string;
  /** The state filter to start with; all states by default. */
  initialState?: AlertState;
  /** Checkboxes and "Acknowledge selected". */
  bulk?: boolean;
  pageSize?: number;
}

/**
 * The alert feed: filters by state, service and severity, a page of alerts
 * newest first, bulk acknowledge of the selected rows, and a live refetch on
 * every `infra-health:alerts` signal.
 *
 * @internal
 */
export const AlertFeed = (props: AlertFeedProps) => {
  const { refresh, bump } = useAlertsRefresh();
  const paging = usePaging(props.pageSize ?? 20);
  const [state, setState] = useState<AlertState | typeof ALL>(
    props.initialState ?? ALL,
  );
  const [severity, setSeverity] = useState(ALL);
  const [serviceInput, setServiceInput] = useState('');
  const [service, setService] = useState('');
  useDebounce(() => setService(serviceInput.trim()), 400, [serviceInput]);
  const [selected, setSelected] = useState<HealthAlert[]>([]);
  const [bulkOpen, setBulkOpen] = useState(false);
  const { canAcknowledge } = useAlertPermissions();

  const { setPage } = paging;
  useEffect(() => setPage(0), [state, severity, service, setPage]);

  const result = useAlerts(
    {
      state: state === ALL ? undefined : state,
      service: props.service ?? (service || undefined),
      severity: severity === ALL ? undefined : severity,
      limit: paging.limit,
      offset: paging.offset,
    },
    refresh,
  );
  // a new page (or a refetch) clears the selection
  useEffect(() => setSelected([]), [result.value]);
  const firingSelected = selected.filter(a => a.state === 'firing');

  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
        mb={2}
      >
        <TextField
          select
          label="State"
          value={state}
          onChange={e => setState(e.target.value as AlertState | typeof ALL)}
          style={{ minWidth: 160 }}
          inputProps={{ 'aria-label': 'State filter' }}
        >
          <MenuItem value={ALL}>All states</MenuItem>
          {ALERT_STATES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        {props.service === undefined && (
          <TextField
            label="Service"
            value={serviceInput}
            onChange={e => setServiceInput(e.target.value)}
            inputProps={{ 'aria-label': 'Service filter', maxLength: 255 }}
          />
        )}
        <TextField
          select
          label="Severity"
          value={severity}
          onChange={e => setSeverity(e.target.value)}
          style={{ minWidth: 160 }}
          inputProps={{ 'aria-label': 'Severity filter' }}
        >
          <MenuItem value={ALL}>All severities</MenuItem>
          {SEVERITIES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        {props.bulk && (
          <Button
            variant="contained"
            color="primary"
            disabled={firingSelected.length === 0 || !canAcknowledge}
            onClick={() => setBulkOpen(true)}
          >
            Acknowledge selected ({firingSelected.length})
          </Button>
        )}
      </Box>
      <AsyncView
        loading={result.loading}
        error={result.error}
        value={result.value}
        isEmpty={page => page.totalCount === 0}
        emptyTitle="No alerts"
        emptyDescription={
          state !== ALL || severity !== ALL || service
            ? 'No alert matches these filters.'
            : 'Alertmanager has not sent any alert yet (POST /api/infra-health/alerts/alertmanager).'
        }
      >
        {page => (
          <>
            <AlertsTable
              title={`Alerts (${page.totalCount})`}
              alerts={page.items}
              loading={result.loading}
              onChanged={bump}
              hideService={props.service !== undefined}
              selectable={props.bulk}
              onSelectionChange={setSelected}
            />
            <Pager paging={paging} count={page.totalCount} />
          </>
        )}
      </AsyncView>
      {bulkOpen && (
        <AcknowledgeDialog
          alerts={firingSelected}
          onClose={() => setBulkOpen(false)}
          onChanged={bump}
        />
      )}
    </>
  );
};
