import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ForeignKeyDetail,
  TableDetail,
} from '@opshub/plugin-devops-inspector-common';
import { AsyncView, formatBytes } from '@opshub/opshub-react';
import { ReactNode } from 'react';
import { useTableRowCount } from '../../hooks/useInspectorActions';
import { useTableDetail } from '../../hooks/useDrawer';

const Grid = (props: {
  label: string;
  headers: string[];
  rows: ReactNode[][];
  empty: string;
}) => (
  <Box mb={2}>
    <Typography variant="subtitle1" component="h4">
      {props.label} ({props.rows.length})
    </Typography>
    {props.rows.length === 0 ? (
      <Typography variant="body2">{props.empty}</Typography>
    ) : (
      <Table size="small" aria-label={props.label}>
        <TableHead>
          <TableRow>
            {props.headers.map(h => (
              <TableCell key={h}>{h}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.rows.map((cells, i) => (
            <TableRow key={i}>
              {cells.map((cell, j) => (
                <TableCell key={j}>{cell}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    )}
  </Box>
);

const fkRow = (fk: ForeignKeyDetail, other: 'from' | 'to') => [
  fk.name,
  other === 'to'
    ? `${fk.fromColumns.join(', ')} → ${fk.toSchema}.${
        fk.toTable
      } (${fk.toColumns.join(', ')})`
    : `${fk.fromSchema}.${fk.fromTable} (${fk.fromColumns.join(
        ', ',
      )}) → ${fk.toColumns.join(', ')}`,
  <code>{fk.definition}</code>,
];

const ExactCount = (props: {
  environment: string;
  schema: string;
  table: string;
}) => {
  const { environment, schema, table } = props;
  const { count, result, busy, error } = useTableRowCount(
    environment,
    schema,
    table,
  );
  let text = '';
  if (error) {
    text = `Count failed: ${error.message}`;
  } else if (result?.timedOut) {
    text = `Stopped after ${result.elapsedMs} ms (statement timeout ${result.timeoutMs} ms)`;
  } else if (result) {
    text = `${result.count?.toLocaleString('en-US')} rows (counted in ${
      result.elapsedMs
    } ms)`;
  }
  return (
    <Box display="flex" alignItems="center" mb={2}>
      <Button
        variant="outlined"
        size="small"
        onClick={() => count()}
        disabled={busy}
      >
        {busy ? 'Counting…' : 'Exact count'}
      </Button>
      <Box ml={2}>
        <Typography variant="body2" role="status">
          {text}
        </Typography>
      </Box>
    </Box>
  );
};

/** @internal */
export const TableDetailContent = (props: {
  environment: string;
  value: TableDetail;
}) => {
  const { value } = props;
  return (
    <>
      {value.comment && (
        <Typography variant="body2" paragraph>
          {value.comment}
        </Typography>
      )}
      <ExactCount
        environment={props.environment}
        schema={value.schema}
        table={value.name}
      />
      <Grid
        label="Columns"
        headers={['Name', 'Type', 'Null', 'Default', 'Identity / generated']}
        empty="No columns."
        rows={value.columns.map(c => [
          c.name,
          <code>{c.type}</code>,
          c.nullable ? 'yes' : 'not null',
          c.default === null ? '' : <code>{c.default}</code>,
          c.identity
            ? `identity (${c.identity})`
            : c.generated && <code>{`generated: ${c.generated}`}</code>,
        ])}
      />
      <Grid
        label="Indexes"
        headers={['Name', 'Definition', 'Size']}
        empty="No indexes."
        rows={value.indexes.map(i => [
          `${i.name}${i.valid ? '' : ' (invalid)'}`,
          <code>{i.definition}</code>,
          formatBytes(i.sizeBytes),
        ])}
      />
      <Grid
        label="Constraints"
        headers={['Name', 'Type', 'Definition']}
        empty="No primary key, unique, check or exclusion constraints."
        rows={value.constraints.map(c => [
          c.name,
          c.type,
          <code>{c.definition}</code>,
        ])}
      />
      <Grid
        label="Foreign keys (outgoing)"
        headers={['Name', 'Columns', 'Definition']}
        empty="This table references no other table."
        rows={value.foreignKeys.outgoing.map(fk => fkRow(fk, 'to'))}
      />
      <Grid
        label="Foreign keys (incoming)"
        headers={['Name', 'Referenced by', 'Definition']}
        empty="No table references this one."
        rows={value.foreignKeys.incoming.map(fk => fkRow(fk, 'from'))}
      />
      <Grid
        label="Triggers"
        headers={['Name', 'Enabled', 'Definition']}
        empty="No triggers."
        rows={value.triggers.map(t => [
          t.name,
          t.enabled ? 'yes' : 'disabled',
          <code>{t.definition}</code>,
        ])}
      />
    </>
  );
};

/** @internal */
export interface TableDetailViewProps {
  environment: string;
  schema: string;
  table: string;
  onClose?: () => void;
}

/**
 * The structure of one table: columns, indexes, constraints, foreign keys in
 * and out, triggers, and an exact count on demand.
 *
 * @internal
 */
export const TableDetailView = (props: TableDetailViewProps) => {
  const { environment, schema, table, onClose } = props;
  const state = useTableDetail(environment, schema, table);
  return (
    <InfoCard
      title={`${schema}.${table}`}
      subheader={`Environment ${environment}`}
      action={
        onClose && (
          <Button onClick={onClose} aria-label="Close table detail">
            Close
          </Button>
        )
      }
    >
      <AsyncView {...state} emptyTitle="No such table">
        {value => (
          <TableDetailContent environment={environment} value={value} />
        )}
      </AsyncView>
    </InfoCard>
  );
};
