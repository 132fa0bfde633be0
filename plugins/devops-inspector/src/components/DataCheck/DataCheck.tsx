import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import {
  DataCheckResult,
  DataCheckTableCount,
} from '@opshub/plugin-devops-inspector-common';
import { useState } from 'react';
import { useRowCountCheck } from '../../hooks/useInspectorActions';

function rows(value: number | null): string {
  return value === null ? 'timed out' : value.toLocaleString('en-US');
}

function difference(row: DataCheckTableCount): string {
  if (row.difference === null) {
    return '–';
  }
  return row.difference > 0
    ? `+${row.difference.toLocaleString('en-US')}`
    : row.difference.toLocaleString('en-US');
}

const columns: TableColumn<DataCheckTableCount>[] = [
  { title: 'Schema', field: 'schema' },
  { title: 'Table', field: 'table' },
  { title: 'Source rows', render: row => rows(row.sourceRows) },
  { title: 'Target rows', render: row => rows(row.targetRows) },
  { title: 'Difference', render: difference },
];

const METHOD_LABELS: Record<DataCheckResult['method'], string> = {
  postgres_fdw: 'counted through postgres_fdw',
  direct: 'counted with direct connections',
};

const EnvironmentSelect = (props: {
  id: string;
  label: string;
  value: string;
  environments: string[];
  onChange: (value: string) => void;
}) => (
  <FormControl style={{ minWidth: 160, marginRight: 24 }}>
    <InputLabel id={props.id}>{props.label}</InputLabel>
    <Select
      labelId={props.id}
      value={props.value}
      onChange={e => props.onChange(e.target.value as string)}
    >
      {props.environments.map(name => (
        <MenuItem key={name} value={name}>
          {name}
        </MenuItem>
      ))}
    </Select>
  </FormControl>
);

/**
 * Row counts of the tables two environments have in common, with how they
 * were counted and why postgres_fdw was not used when it was not.
 *
 * @internal
 */
export const DataCheck = (props: { environments: string[] }) => {
  const { environments } = props;
  const [source, setSource] = useState(environments[0] ?? '');
  const [target, setTarget] = useState(environments[1] ?? '');
  const { check, result, busy, error } = useRowCountCheck();

  return (
    <InfoCard title="Row counts">
      <Box display="flex" alignItems="flex-end" flexWrap="wrap" mb={2}>
        <EnvironmentSelect
          id="data-check-source"
          label="Source"
          value={source}
          environments={environments}
          onChange={setSource}
        />
        <EnvironmentSelect
          id="data-check-target"
          label="Target"
          value={target}
          environments={environments}
          onChange={setTarget}
        />
        <Button
          variant="contained"
          color="primary"
          disabled={!source || !target || source === target || busy}
          onClick={() => check(source, target)}
        >
          Count rows
        </Button>
      </Box>
      {busy && <Progress />}
      {error && (
        <WarningPanel severity="error" title="Row counts failed">
          {error.message}
        </WarningPanel>
      )}
      {result && (
        <Box>
          <Box mb={1}>
            <Chip size="small" label={METHOD_LABELS[result.method]} />
          </Box>
          {result.fallbackReason && (
            <WarningPanel severity="info" title="postgres_fdw not used">
              {result.fallbackReason}
            </WarningPanel>
          )}
          {result.tables.length === 0 ? (
            <Typography>No table exists in both environments.</Typography>
          ) : (
            <Table
              title={`${result.source} → ${result.target}`}
              options={{ paging: false, search: false }}
              columns={columns}
              data={result.tables}
            />
          )}
        </Box>
      )}
    </InfoCard>
  );
};
