import {
  Content,
  ContentHeader,
  Link,
  Table,
  TableColumn,
  LinkButton,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import {
  Release,
  ReleaseStatus,
  RELEASE_STATUSES,
  releaseCreatePermission,
  releaseUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { useCallback, useState } from 'react';
import { useReleases } from '../../hooks/useReleases';
import { ClustersTable } from '../ClustersTable';
import { usePaths } from '../paths';
import { IfAllowed } from '../IfAllowed';
import { ReleaseEditDialog, ReleaseEditDialogs } from '../ReleaseDialog';

/**
 * Every release, newest first, filtered by status, with the way to the
 * wizard and the clusters.
 *
 * @internal
 */
export const ReleasesList = () => {
  const paths = usePaths();
  const [status, setStatus] = useState<ReleaseStatus | ''>('');
  const state = useReleases({ status: status || undefined, limit: 200 });
  const [editing, setEditing] = useState<{
    release: Release;
    dialog: ReleaseEditDialog;
  }>();
  const close = useCallback(() => setEditing(undefined), []);
  const { retry } = state;
  const columns: TableColumn<Release>[] = [
    {
      title: 'Release',
      field: 'name',
      render: r => <Link to={paths.release(r.id)}>{r.name}</Link>,
    },
    { title: 'Type', field: 'type' },
    {
      title: 'Status',
      field: 'status',
      render: r => <StatusChip status={r.status} />,
    },
    {
      title: 'Version',
      field: 'versionNumber',
      render: r => r.versionNumber ?? '—',
    },
    {
      title: 'Release date',
      field: 'releaseDate',
      render: r => r.releaseDate ?? '—',
    },
    {
      title: 'Ships',
      field: 'catalogEntityRef',
      render: r => r.catalogEntityRef ?? '—',
    },
    {
      title: 'Actions',
      sorting: false,
      render: r => (
        <IfAllowed
          permission={releaseUpdatePermission}
          resourceRef={String(r.id)}
        >
          <Box display="flex" style={{ gap: 4 }}>
            {r.status !== 'archived' && (
              <IconButton
                size="small"
                aria-label={`Edit ${r.name}`}
                onClick={() => setEditing({ release: r, dialog: 'edit' })}
              >
                <EditIcon fontSize="small" />
              </IconButton>
            )}
            {r.status === 'draft' && (
              <IconButton
                size="small"
                aria-label={`Delete draft ${r.name}`}
                onClick={() => setEditing({ release: r, dialog: 'delete' })}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            )}
          </Box>
        </IfAllowed>
      ),
    },
  ];

  return (
    <Content>
      <ContentHeader title="Releases">
        <Box display="flex" style={{ gap: 8 }} alignItems="center">
          <TextField
            select
            size="small"
            label="Status"
            value={status}
            onChange={e => setStatus(e.target.value as ReleaseStatus | '')}
            style={{ minWidth: 140 }}
          >
            <MenuItem value="">All</MenuItem>
            {RELEASE_STATUSES.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
          <LinkButton to={paths.clusters}>Clusters and customers</LinkButton>
          <IfAllowed permission={releaseCreatePermission}>
            <LinkButton
              to={paths.newRelease}
              variant="contained"
              color="primary"
            >
              New release
            </LinkButton>
          </IfAllowed>
        </Box>
      </ContentHeader>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <AsyncView
            {...state}
            isEmpty={page => page.totalCount === 0}
            emptyTitle={status ? `No ${status} releases` : 'No releases yet'}
            emptyDescription="Create a release with the wizard to roll it out to your customers."
          >
            {page => (
              <Table<Release>
                title={`Releases (${page.totalCount})`}
                columns={columns}
                data={page.items}
                options={{ paging: false, search: false, padding: 'dense' }}
              />
            )}
          </AsyncView>
        </Grid>
        <Grid item xs={12}>
          <ClustersTable />
        </Grid>
      </Grid>
      {editing && (
        <ReleaseEditDialogs
          release={editing.release}
          open={editing.dialog}
          onClose={close}
          onChanged={retry}
          onDeleted={retry}
        />
      )}
    </Content>
  );
};
