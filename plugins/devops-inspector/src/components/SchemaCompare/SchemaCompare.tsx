import { InfoCard, Progress, WarningPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import {
  CompareResult,
  isCompareError,
  MultiCompareResult,
  SCHEMA_OBJECT_TYPES,
  SchemaDifference,
} from '@opshub/plugin-devops-inspector-common';
import { CodeBlock } from '@opshub/opshub-react';
import { useState } from 'react';
import { useSchemaCompare } from '../../hooks/useInspectorActions';

const CHANGE_COLORS: Record<SchemaDifference['change'], string> = {
  added: '#2e7d32',
  removed: '#c62828',
  modified: '#ef6c00',
};

/** CSV of the differences of every compared target. */
export function toCsv(result: MultiCompareResult): string {
  const cell = (value: unknown) =>
    `"${String(value ?? '').replace(/"/g, '""')}"`;
  const lines = [
    [
      'target',
      'objectType',
      'schema',
      'table',
      'name',
      'change',
      'breaking',
      'hazards',
    ]
      .map(cell)
      .join(','),
  ];
  for (const entry of result.results) {
    if (isCompareError(entry)) {
      continue;
    }
    for (const d of entry.differences) {
      lines.push(
        [
          entry.target,
          d.objectType,
          d.schema,
          d.table ?? '',
          d.name,
          d.change,
          d.breaking,
          d.hazards.map(h => h.code).join(' '),
        ]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

function ChangeChip({ change }: { change: SchemaDifference['change'] }) {
  return (
    <Chip
      size="small"
      label={change}
      style={{ backgroundColor: CHANGE_COLORS[change], color: '#fff' }}
    />
  );
}

function DifferenceRow({ difference }: { difference: SchemaDifference }) {
  const where = [difference.schema, difference.table, difference.name]
    .filter(Boolean)
    .join('.');
  return (
    <Box mb={1} data-testid="schema-difference">
      <ChangeChip change={difference.change} />{' '}
      {difference.breaking && (
        <Chip size="small" color="secondary" label="breaking" />
      )}{' '}
      <Typography component="span" variant="body2">
        <code>{where}</code>
      </Typography>
      {difference.hazards.map(h => (
        <Typography key={h.code} variant="caption" display="block">
          <strong>{h.code}</strong>: {h.reason}
        </Typography>
      ))}
    </Box>
  );
}

function TargetResult({ result }: { result: CompareResult }) {
  const breaking = result.differences.filter(d => d.breaking);
  const { summary } = result;
  return (
    <InfoCard title={`${result.source} → ${result.target}`}>
      <Typography variant="body2" gutterBottom>
        {summary.total} differences: {summary.byChange.added} added,{' '}
        {summary.byChange.removed} removed, {summary.byChange.modified}{' '}
        modified; {summary.breakingCount} breaking.
      </Typography>
      {breaking.length > 0 && (
        <WarningPanel
          severity="error"
          title={`${breaking.length} breaking difference(s)`}
          defaultExpanded
        >
          <Box>
            {breaking.map(d => (
              <DifferenceRow
                key={`${d.objectType}:${d.schema}:${d.table}:${d.name}`}
                difference={d}
              />
            ))}
          </Box>
        </WarningPanel>
      )}
      {SCHEMA_OBJECT_TYPES.map(type => {
        const items = result.differences.filter(d => d.objectType === type);
        if (!items.length) {
          return null;
        }
        return (
          <Box key={type} mt={2}>
            <Typography variant="subtitle2">
              {type.replace('_', ' ')} ({items.length})
            </Typography>
            {items.map(d => (
              <DifferenceRow
                key={`${d.schema}:${d.table}:${d.name}`}
                difference={d}
              />
            ))}
          </Box>
        );
      })}
      {result.migrationSql && (
        <Box mt={2}>
          <Typography variant="subtitle2">
            Migration SQL (source → target)
          </Typography>
          <Box maxHeight={400} overflow="auto">
            <CodeBlock code={result.migrationSql} type="sql" />
          </Box>
        </Box>
      )}
    </InfoCard>
  );
}

/**
 * Compares the schema of a source environment with one or several targets.
 *
 * @internal
 */
export const SchemaCompare = (props: { environments: string[] }) => {
  const { environments } = props;
  const [source, setSource] = useState(environments[0] ?? '');
  const [targets, setTargets] = useState<string[]>([]);
  const { compare, result, busy, error } = useSchemaCompare();
  const toggle = (name: string) =>
    setTargets(list =>
      list.includes(name) ? list.filter(t => t !== name) : [...list, name],
    );

  return (
    <Box>
      <Box display="flex" alignItems="flex-end" flexWrap="wrap" mb={2}>
        <FormControl style={{ minWidth: 160, marginRight: 24 }}>
          <InputLabel id="schema-compare-source">Source</InputLabel>
          <Select
            labelId="schema-compare-source"
            value={source}
            onChange={e => {
              setSource(e.target.value as string);
              setTargets(list => list.filter(t => t !== e.target.value));
            }}
          >
            {environments.map(name => (
              <MenuItem key={name} value={name}>
                {name}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl component="fieldset" style={{ marginRight: 24 }}>
          <FormLabel component="legend">Targets</FormLabel>
          <FormGroup row>
            {environments
              .filter(name => name !== source)
              .map(name => (
                <FormControlLabel
                  key={name}
                  control={
                    <Checkbox
                      checked={targets.includes(name)}
                      onChange={() => toggle(name)}
                    />
                  }
                  label={name}
                />
              ))}
          </FormGroup>
        </FormControl>
        <Button
          variant="contained"
          color="primary"
          disabled={!source || targets.length === 0 || busy}
          onClick={() => compare(source, targets)}
        >
          Compare
        </Button>
      </Box>
      {busy && <Progress />}
      {error && (
        <WarningPanel severity="error" title="Comparison failed">
          {error.message}
        </WarningPanel>
      )}
      {result && (
        <Box>
          <Box mb={2}>
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
          {result.results.map(entry =>
            isCompareError(entry) ? (
              <WarningPanel
                key={entry.target}
                severity="warning"
                title={`${entry.target}: not compared`}
              >
                {entry.error}
              </WarningPanel>
            ) : (
              <Box key={entry.target} mb={2}>
                <TargetResult result={entry} />
              </Box>
            ),
          )}
        </Box>
      )}
    </Box>
  );
};
