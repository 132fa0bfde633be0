import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  CheckWithStatus,
  HealthStatus,
} from '@opshub/plugin-infra-health-common';
import { AsyncView, useMutation } from '@opshub/opshub-react';
import { useMemo, useState } from 'react';
import { infraHealthApiRef } from '../../api';
import { useManagedHealthChecks } from '../../hooks/useHealthChecks';
import { useServiceEntities } from '../../hooks/useServiceEntities';
import { CheckDialog } from '../CheckDialog';
import { HealthCheckTile } from '../HealthCheckTile';
import { STATUS_LABELS, StatusCounts } from '../StatusCounts';

function groupByService(checks: CheckWithStatus[]) {
  const groups = new Map<string, CheckWithStatus[]>();
  for (const check of checks) {
    groups.set(check.service, [...(groups.get(check.service) ?? []), check]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** @internal */
export interface HealthGridProps {
  /** Only this service's checks; every service, grouped, when absent. */
  service?: string;
}

/**
 * The health grid: status counts, filters by system, owner (from the
 * catalog entities with `opshub.io/health-service`) and status, and one
 * tile per check, several per row on wide screens, grouped by service. It
 * reloads on every `infra-health:checks` signal and every 30 seconds. Users
 * with `infra-health.check.manage` add, edit and delete API checks.
 *
 * @internal
 */
export const HealthGrid = ({ service }: HealthGridProps) => {
  const api = useApi(infraHealthApiRef);
  const state = useManagedHealthChecks(service);
  const entities = useServiceEntities(!service);
  const [system, setSystem] = useState('');
  const [owner, setOwner] = useState('');
  const [status, setStatus] = useState<HealthStatus | undefined>();
  const [editing, setEditing] = useState<CheckWithStatus | 'new' | undefined>();
  const [deleting, setDeleting] = useState<CheckWithStatus | undefined>();
  const mutation = useMutation(state.retry, { errors: 'inline' });
  const remove = useMutation(state.retry);

  const info = entities.value;
  const options = useMemo(() => {
    const systems = new Set<string>();
    const owners = new Set<string>();
    for (const entry of info?.values() ?? []) {
      entry.systems.forEach(s => systems.add(s));
      entry.owners.forEach(o => owners.add(o));
    }
    return { systems: [...systems].sort(), owners: [...owners].sort() };
  }, [info]);

  const filterChecks = (checks: CheckWithStatus[]) =>
    checks.filter(check => {
      const entry = info?.get(check.service);
      return (
        (!system || entry?.systems.includes(system)) &&
        (!owner || entry?.owners.includes(owner)) &&
        (!status || check.status === status)
      );
    });

  const save = async (input: Parameters<typeof api.createCheck>[0]) => {
    const target = editing;
    const done = await mutation.run(
      () =>
        target && target !== 'new'
          ? api.updateCheck(target.id, input)
          : api.createCheck(input),
      'Health check saved',
    );
    if (done) {
      setEditing(undefined);
      state.retry();
    }
  };

  const select = (
    label: string,
    value: string,
    values: string[],
    onChange: (value: string) => void,
  ) => (
    <TextField
      select
      label={label}
      value={value}
      onChange={e => onChange(e.target.value)}
      style={{ minWidth: 160, marginRight: 16 }}
      inputProps={{ 'aria-label': label }}
    >
      <MenuItem value="">All</MenuItem>
      {values.map(v => (
        <MenuItem key={v} value={v}>
          {v}
        </MenuItem>
      ))}
    </TextField>
  );

  return (
    <AsyncView
      {...state}
      isEmpty={() => false}
      emptyTitle="No health checks configured"
    >
      {({ checks, canManage }) => (
        <>
          <StatusCounts
            checks={checks}
            selected={status}
            onSelect={setStatus}
          />
          <div
            style={{
              display: 'flex',
              alignItems: 'flex-end',
              marginBottom: 16,
            }}
          >
            {!service && select('System', system, options.systems, setSystem)}
            {!service && select('Owner', owner, options.owners, setOwner)}
            {select(
              'Status',
              status ?? '',
              STATUS_LABELS.map(([s]) => s),
              value =>
                setStatus((value || undefined) as HealthStatus | undefined),
            )}
            {entities.error && (
              <Typography variant="caption" color="error">
                The catalog did not answer; system and owner filters are off.
              </Typography>
            )}
            <div style={{ flexGrow: 1 }} />
            {canManage && (
              <Button
                variant="contained"
                color="primary"
                onClick={() => setEditing('new')}
              >
                Add check
              </Button>
            )}
          </div>
          {checks.length === 0 ? (
            <>
              <Typography variant="h6">
                {service
                  ? `No health checks for ${service}`
                  : 'No health checks configured'}
              </Typography>
              <Typography variant="body2">
                Add checks under infraHealth.checks in app-config.yaml or
                through the API; their service must match the
                opshub.io/health-service annotation.
              </Typography>
            </>
          ) : (
            <Grid container spacing={3}>
              {groupByService(filterChecks(checks)).map(([name, group]) => (
                <Grid item xs={12} key={name}>
                  {!service && (
                    <Typography variant="h6" component="h2" gutterBottom>
                      {name}
                    </Typography>
                  )}
                  <Grid container spacing={2}>
                    {group.map(check => (
                      <Grid
                        item
                        xs={12}
                        sm={6}
                        md={4}
                        lg={3}
                        xl={2}
                        key={check.id}
                      >
                        <HealthCheckTile
                          check={check}
                          canManage={canManage}
                          onEdit={() => setEditing(check)}
                          onDelete={() => setDeleting(check)}
                        />
                      </Grid>
                    ))}
                  </Grid>
                </Grid>
              ))}
            </Grid>
          )}
          {deleting && (
            <Dialog open onClose={() => setDeleting(undefined)}>
              <DialogTitle>Delete {deleting.name} and its samples?</DialogTitle>
              <DialogActions>
                <Button onClick={() => setDeleting(undefined)}>Cancel</Button>
                <Button
                  color="secondary"
                  disabled={remove.busy}
                  onClick={async () => {
                    const target = deleting;
                    setDeleting(undefined);
                    await remove.run(
                      () => api.deleteCheck(target.id),
                      `Deleted ${target.name}`,
                    );
                    state.retry();
                  }}
                >
                  Delete
                </Button>
              </DialogActions>
            </Dialog>
          )}
          {editing && (
            <CheckDialog
              open
              check={editing === 'new' ? undefined : editing}
              defaultService={service}
              busy={mutation.busy}
              error={mutation.error}
              onClose={() => setEditing(undefined)}
              onSubmit={save}
            />
          )}
        </>
      )}
    </AsyncView>
  );
};
