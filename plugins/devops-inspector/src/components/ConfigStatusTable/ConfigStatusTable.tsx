import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ConfigEntry } from '@opshub/plugin-devops-inspector-common';
import { AsyncView } from '@opshub/opshub-react';
import { useState } from 'react';
import { RefreshOptions, useConfigStatus } from '../../hooks/useDrawer';

function describe(entry: ConfigEntry): string {
  if (entry.masked) {
    return entry.set ? `${entry.value} (set)` : '(not set)';
  }
  return entry.value === null ? '(null)' : String(entry.value);
}

/**
 * The effective configuration (`GET /config`): secrets are masked by the
 * backend, which only says whether they are set.
 *
 * @internal
 */
export const ConfigStatusTable = (
  props: RefreshOptions & { maxRows?: number },
) => {
  const state = useConfigStatus(props);
  const [filter, setFilter] = useState('');
  return (
    <AsyncView
      {...state}
      isEmpty={value => value.entries.length === 0}
      emptyTitle="No configuration"
    >
      {value => {
        const needle = filter.trim().toLowerCase();
        const rows = value.entries.filter(e =>
          e.key.toLowerCase().includes(needle),
        );
        const shown = props.maxRows ? rows.slice(0, props.maxRows) : rows;
        return (
          <>
            {!value.schemaLoaded && (
              <Typography variant="body2" color="error">
                The config schema could not be loaded: every text value is
                masked.
              </Typography>
            )}
            <TextField
              label="Filter keys"
              value={filter}
              onChange={event => setFilter(event.target.value)}
              inputProps={{ 'aria-label': 'Filter configuration keys' }}
              margin="dense"
              fullWidth
            />
            <Table size="small" aria-label="Configuration">
              <TableHead>
                <TableRow>
                  <TableCell>Key</TableCell>
                  <TableCell>Value</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map(entry => (
                  <TableRow key={entry.key}>
                    <TableCell>
                      <code>{entry.key}</code>
                    </TableCell>
                    <TableCell>{describe(entry)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            {shown.length < rows.length && (
              <Typography variant="caption">
                {rows.length - shown.length} more: filter or open the Config tab
                of the DevOps Inspector page.
              </Typography>
            )}
          </>
        );
      }}
    </AsyncView>
  );
};
