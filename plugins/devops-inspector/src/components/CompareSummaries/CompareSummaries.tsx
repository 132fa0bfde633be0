import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CodeBlock } from '@opshub/opshub-react';
import {
  CompareResult,
  DIFFERENCE_SEVERITIES,
} from '@opshub/plugin-devops-inspector-common';
import { useState } from 'react';
import { download } from '../../utils/download';
import { fileSafe } from '../../utils/compareRefs';
import { CopyButton } from '../CopyButton';
import { MatrixColumn, SEVERITY_COLORS } from '../DriftMatrix';

const useStyles = makeStyles(theme => ({
  card: { padding: theme.spacing(1.5, 2), height: '100%' },
  inSync: { color: theme.palette.success?.main ?? '#2e7d32', fontWeight: 600 },
  error: { color: theme.palette.error.main },
  counts: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1.5) },
  hazards: { color: theme.palette.text.secondary, fontSize: 12 },
  sql: { maxHeight: 400, overflow: 'auto', marginTop: theme.spacing(1) },
}));

function Counts(props: { result: CompareResult }) {
  const classes = useStyles();
  const { summary } = props.result;
  const hazards = Object.entries(summary.byHazard).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  return (
    <>
      <Typography variant="body2">
        {summary.total} difference{summary.total === 1 ? '' : 's'}
      </Typography>
      <Box className={classes.counts}>
        <Typography variant="body2">added {summary.byChange.added}</Typography>
        <Typography variant="body2">
          removed {summary.byChange.removed}
        </Typography>
        <Typography variant="body2">
          modified {summary.byChange.modified}
        </Typography>
      </Box>
      <Box className={classes.counts}>
        {DIFFERENCE_SEVERITIES.map(severity => (
          <Typography
            key={severity}
            variant="body2"
            style={{ color: SEVERITY_COLORS[severity] }}
          >
            {severity} {summary.bySeverity[severity]}
          </Typography>
        ))}
      </Box>
      {hazards.length > 0 && (
        <Typography className={classes.hazards}>
          {hazards.map(([code, n]) => `${code} ${n}`).join(' · ')}
        </Typography>
      )}
    </>
  );
}

function MigrationSql(props: { result: CompareResult; label: string }) {
  const { result, label } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  if (!result.migrationSql) {
    return null;
  }
  const lines = result.migrationSql.split('\n').length;
  return (
    <Box mt={1}>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <Button
          size="small"
          onClick={() => setOpen(o => !o)}
          aria-expanded={open}
        >
          {open ? 'Hide' : 'Show'} migration SQL ({lines} lines)
        </Button>
        <CopyButton
          text={result.migrationSql}
          what={`migration SQL for ${label}`}
        />
        <Button
          size="small"
          onClick={() =>
            download(
              `${fileSafe(result.source)}-to-${fileSafe(result.target)}.sql`,
              'application/sql',
              result.migrationSql,
            )
          }
        >
          Download SQL
        </Button>
      </Box>
      {open && (
        <Box className={classes.sql}>
          <CodeBlock code={result.migrationSql} type="sql" />
        </Box>
      )}
    </Box>
  );
}

/** @internal */
export interface CompareSummariesProps {
  columns: MatrixColumn[];
  labels: string[];
}

/**
 * One card per target: counts by change, by severity and by hazard code
 * (folded dependent objects not counted), "in sync" when there is no
 * difference, the error of a target that could not be compared, and the
 * migration SQL with copy and download.
 *
 * @internal
 */
export const CompareSummaries = (props: CompareSummariesProps) => {
  const { columns, labels } = props;
  const classes = useStyles();
  return (
    <Grid container spacing={2}>
      {columns.map((column, i) => (
        <Grid item xs={12} sm={6} md={4} key={column.ref}>
          <Paper
            variant="outlined"
            className={classes.card}
            data-testid="compare-summary"
            aria-label={`Summary for ${labels[i]}`}
            role="region"
          >
            <Typography variant="subtitle1" noWrap title={labels[i]}>
              {labels[i]}
            </Typography>
            {column.error !== undefined && (
              <Typography variant="body2" className={classes.error}>
                Not compared: {column.error}
              </Typography>
            )}
            {column.result && column.result.summary.total === 0 && (
              <Typography variant="body2" className={classes.inSync}>
                In sync
              </Typography>
            )}
            {column.result && column.result.summary.total > 0 && (
              <>
                <Counts result={column.result} />
                <MigrationSql result={column.result} label={labels[i]} />
              </>
            )}
          </Paper>
        </Grid>
      ))}
    </Grid>
  );
};
