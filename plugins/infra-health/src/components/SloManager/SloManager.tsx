import { Table, TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Slo,
  SloDefinition,
  sloManagePermission,
} from '@opshub/plugin-infra-health-common';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import { useState } from 'react';
import { useSloActions } from '../../hooks/useSloActions';
import { useSlos } from '../../hooks/useSlos';
import { SloDialog } from './SloDialog';

/** @public */
export interface SloManagerProps {
  /** Only this service's SLOs, and the default service of new ones. */
  service?: string;
}

type Editing = { kind: 'create' } | { kind: 'edit'; slo: Slo };

const definitionOf = (slo: Slo): SloDefinition => ({
  name: slo.name,
  service: slo.service,
  objective: slo.objective,
  window: slo.window,
  source: slo.source,
  good: slo.good,
  total: slo.total,
});

/**
 * A table of SLOs with create, edit and delete, enabled by the
 * `infra-health.slo.manage` permission. SLOs from app-config are marked
 * read-only and cannot be edited here.
 *
 * @public
 */
export const SloManager = ({ service }: SloManagerProps) => {
  const state = useSlos(service);
  const { allowed: canManage } = usePermission({
    permission: sloManagePermission,
  });
  const actions = useSloActions(state.retry);
  const [editing, setEditing] = useState<Editing>();

  const readOnlyReason = (slo: Slo) => {
    if (slo.origin === 'config') {
      return 'Defined in app-config (infraHealth.slos): read-only';
    }
    return canManage ? undefined : 'You may not manage SLOs';
  };

  const columns: TableColumn<Slo>[] = [
    { title: 'Name', field: 'name' },
    { title: 'Service', field: 'service' },
    { title: 'Objective', render: slo => `${slo.objective}%` },
    { title: 'Window', field: 'window' },
    { title: 'Source', field: 'source' },
    {
      title: 'Origin',
      render: slo => (
        <StatusChip
          status={slo.origin === 'config' ? 'neutral' : 'active'}
          label={slo.origin === 'config' ? 'config (read-only)' : 'API'}
        />
      ),
    },
    {
      title: 'Actions',
      render: slo => {
        const reason = readOnlyReason(slo);
        return (
          <Tooltip title={reason ?? ''}>
            <span>
              <IconButton
                size="small"
                aria-label={`Edit ${slo.name}`}
                disabled={!!reason}
                onClick={() => setEditing({ kind: 'edit', slo })}
              >
                <EditIcon fontSize="small" />
              </IconButton>
              <IconButton
                size="small"
                aria-label={`Delete ${slo.name}`}
                disabled={!!reason || actions.busy}
                onClick={() => {
                  // eslint-disable-next-line no-alert
                  if (window.confirm(`Delete the SLO '${slo.name}'?`)) {
                    actions.remove(slo.id, slo.name);
                  }
                }}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <>
      <Box display="flex" justifyContent="flex-end" mb={1}>
        <Tooltip title={canManage ? '' : 'You may not manage SLOs'}>
          <span>
            <Button
              variant="outlined"
              color="primary"
              startIcon={<AddIcon />}
              disabled={!canManage}
              onClick={() => setEditing({ kind: 'create' })}
            >
              New SLO
            </Button>
          </span>
        </Tooltip>
      </Box>
      <AsyncView
        {...state}
        isEmpty={slos => slos.length === 0}
        emptyTitle={service ? `No SLOs for ${service}` : 'No SLOs defined'}
      >
        {slos => (
          <Table<Slo>
            title="SLOs"
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={columns}
            data={slos}
          />
        )}
      </AsyncView>
      {editing && (
        <SloDialog
          title={
            editing.kind === 'create' ? 'New SLO' : `Edit ${editing.slo.name}`
          }
          initial={
            editing.kind === 'create'
              ? {
                  name: '',
                  service: service ?? '',
                  objective: 99.9,
                  window: '30d',
                  source: 'checks',
                }
              : definitionOf(editing.slo)
          }
          busy={actions.busy}
          onCancel={() => setEditing(undefined)}
          onSave={slo =>
            editing.kind === 'create'
              ? actions.create(slo)
              : actions.update(editing.slo.id, slo)
          }
        />
      )}
    </>
  );
};
