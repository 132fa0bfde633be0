import Box from '@material-ui/core/Box';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { CodeBlock } from '@opshub/opshub-react';
import { SchemaDifference } from '@opshub/plugin-devops-inspector-common';
import { useMemo } from 'react';
import {
  CHANGE_COLORS,
  definitionFields,
  MatrixColumn,
  MatrixRow,
  SEVERITY_COLORS,
} from '../DriftMatrix';

const useStyles = makeStyles(theme => ({
  title: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  grow: { flexGrow: 1, overflow: 'hidden', textOverflow: 'ellipsis' },
  mark: {
    borderRadius: 8,
    padding: '1px 6px',
    color: '#fff',
    fontSize: 12,
    marginRight: 4,
  },
  severity: {
    borderRadius: 8,
    padding: '0 5px',
    fontSize: 12,
    border: '1px solid',
    marginRight: 4,
  },
  value: {
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    verticalAlign: 'top',
    maxWidth: 360,
  },
  differs: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(255, 167, 38, 0.25)'
        : 'rgba(255, 167, 38, 0.2)',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  muted: { color: theme.palette.text.disabled },
  section: { marginTop: theme.spacing(3) },
}));

type Classes = ReturnType<typeof useStyles>;

function Change(props: { difference: SchemaDifference; classes: Classes }) {
  const { difference, classes } = props;
  return (
    <>
      <span
        className={classes.mark}
        style={{ backgroundColor: CHANGE_COLORS[difference.change] }}
      >
        {difference.change}
      </span>
      <span
        className={classes.severity}
        style={{ color: SEVERITY_COLORS[difference.severity] }}
      >
        {difference.severity}
      </span>
    </>
  );
}

function Status(props: {
  row: MatrixRow;
  column: MatrixColumn;
  index: number;
  classes: Classes;
}) {
  const { row, column, index, classes } = props;
  const difference = row.cells[index];
  if (column.error !== undefined) {
    return <span className={classes.muted}>not compared: {column.error}</span>;
  }
  if (difference) {
    return <Change difference={difference} classes={classes} />;
  }
  const folded = row.foldedInto?.[index];
  if (folded) {
    return (
      <span className={classes.muted}>
        {folded.change} with its {folded.objectType} {folded.name}
      </span>
    );
  }
  return <span className={classes.muted}>same as the source</span>;
}

/** @internal */
export interface DifferenceDetailProps {
  row: MatrixRow;
  columns: MatrixColumn[];
  /** Names of the source and of each column. */
  sourceLabel: string;
  labels: string[];
  onClose: () => void;
}

/**
 * One object across every target: its change and hazards per target, the
 * source's and each target's definition side by side with the differing
 * fields highlighted, the SQL per target, and the dependent objects folded
 * under it.
 *
 * @internal
 */
export const DifferenceDetail = (props: DifferenceDetailProps) => {
  const { row, columns, sourceLabel, labels, onClose } = props;
  const classes = useStyles();
  const fields = useMemo(() => definitionFields(row), [row]);
  const titleId = 'difference-detail-title';
  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId} disableTypography>
        <Box className={classes.title}>
          <Typography variant="h6" component="h2" className={classes.grow}>
            {row.objectType.replace('_', ' ')} {row.label}
          </Typography>
          <IconButton aria-label="Close difference details" onClick={onClose}>
            <CloseIcon />
          </IconButton>
        </Box>
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="subtitle1" component="h3">
          Per target
        </Typography>
        <Table size="small" aria-label="Change per target">
          <TableHead>
            <TableRow>
              <TableCell>Target</TableCell>
              <TableCell>Change</TableCell>
              <TableCell>Hazards</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {columns.map((column, i) => (
              <TableRow key={column.ref}>
                <TableCell>{labels[i]}</TableCell>
                <TableCell>
                  <Status
                    row={row}
                    column={column}
                    index={i}
                    classes={classes}
                  />
                </TableCell>
                <TableCell>
                  {(row.cells[i]?.hazards ?? []).map(h => (
                    <Typography key={h.code} variant="body2">
                      <strong>{h.code}</strong> ({row.cells[i]?.severity}):{' '}
                      {h.reason}
                    </Typography>
                  ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>

        <Typography
          variant="subtitle1"
          component="h3"
          className={classes.section}
        >
          Definitions
        </Typography>
        {fields.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            The comparison carries no definition for this object.
          </Typography>
        ) : (
          <Box overflow="auto">
            <Table size="small" aria-label="Definitions side by side">
              <TableHead>
                <TableRow>
                  <TableCell>Field</TableCell>
                  <TableCell>{sourceLabel} (source)</TableCell>
                  {columns.map((column, i) => (
                    <TableCell key={column.ref}>{labels[i]}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {fields.map(field => (
                  <TableRow key={field.field}>
                    <TableCell>{field.field}</TableCell>
                    <TableCell className={classes.value}>
                      {field.source ?? <span className={classes.muted}>—</span>}
                    </TableCell>
                    {columns.map((column, i) => {
                      const cell = row.cells[i];
                      let text: JSX.Element | string;
                      if (!cell) {
                        text = <span className={classes.muted}>same</span>;
                      } else if (cell.change === 'removed') {
                        text = <span className={classes.muted}>absent</span>;
                      } else {
                        text = field.targets[i] ?? (
                          <span className={classes.muted}>—</span>
                        );
                      }
                      return (
                        <TableCell
                          key={column.ref}
                          className={`${classes.value} ${
                            field.differs[i] ? classes.differs : ''
                          }`}
                          data-differs={field.differs[i] ? 'true' : undefined}
                        >
                          {text}
                        </TableCell>
                      );
                    })}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}

        {row.children.length > 0 && (
          <>
            <Typography
              variant="subtitle1"
              component="h3"
              className={classes.section}
            >
              Dependent objects ({row.children.length})
            </Typography>
            <Table size="small" aria-label="Dependent objects">
              <TableBody>
                {row.children.map(child => (
                  <TableRow key={child.key}>
                    <TableCell>
                      {child.objectType.replace('_', ' ')} {child.label}
                    </TableCell>
                    {columns.map((column, i) => (
                      <TableCell key={column.ref}>
                        {labels[i]}:{' '}
                        {child.cells[i] ? (
                          <Change
                            difference={child.cells[i]!}
                            classes={classes}
                          />
                        ) : (
                          <span className={classes.muted}>same</span>
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )}

        {columns.map((column, i) => {
          const sql = row.cells[i]?.sql;
          return sql ? (
            <Box
              key={column.ref}
              className={classes.section}
              data-testid={`difference-sql-${column.ref}`}
            >
              <Typography variant="subtitle1" component="h3">
                SQL for {labels[i]}
              </Typography>
              <CodeBlock code={sql} type="sql" />
            </Box>
          ) : null;
        })}
      </DialogContent>
    </Dialog>
  );
};
