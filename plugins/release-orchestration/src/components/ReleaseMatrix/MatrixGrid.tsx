import ButtonBase from '@material-ui/core/ButtonBase';
import Checkbox from '@material-ui/core/Checkbox';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckIcon from '@material-ui/icons/Check';
import ReplayIcon from '@material-ui/icons/Replay';
import UndoIcon from '@material-ui/icons/Undo';
import { Link } from '@backstage/core-components';
import { StatusChip } from '@opshub/opshub-react';
import {
  MatrixCell,
  MatrixStep,
  ReleaseMatrix,
  StepStatus,
} from '@opshub/plugin-release-orchestration-common';
import {
  observeElementRect,
  useVirtualizer,
  Virtualizer,
} from '@tanstack/react-virtual';
import { useRef } from 'react';
import { ProgressBar } from '../ProgressBar';

/** A quick action of a matrix cell. @internal */
export type QuickAction = 'done' | 'revert' | 'reopen';

const ROW_HEIGHT = 44;
const HEADER_HEIGHT = 64;
const LABEL_WIDTH = 260;
const COLUMN_WIDTH = 170;
const MAX_HEIGHT = 560;
/** jsdom and hidden containers measure 0 × 0; render a sane window then. */
const FALLBACK_RECT = { width: 1200, height: MAX_HEIGHT };

function observeRectWithFallback<T extends Element>(
  instance: Virtualizer<T, Element>,
  cb: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, rect =>
    cb(rect.width > 0 && rect.height > 0 ? rect : FALLBACK_RECT),
  );
}

const quickActions: Record<
  StepStatus,
  { action: QuickAction; label: string; icon: JSX.Element } | undefined
> = {
  pending: { action: 'done', label: 'Mark done', icon: <CheckIcon /> },
  done: { action: 'revert', label: 'Revert', icon: <UndoIcon /> },
  skipped: { action: 'reopen', label: 'Reopen', icon: <ReplayIcon /> },
  reverted: { action: 'reopen', label: 'Reopen', icon: <ReplayIcon /> },
};

const useStyles = makeStyles(theme => ({
  scroller: {
    overflow: 'auto',
    position: 'relative',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    height: HEADER_HEIGHT,
    backgroundColor: theme.palette.background.paper,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  corner: {
    position: 'sticky',
    left: 0,
    zIndex: 3,
    width: LABEL_WIDTH,
    height: HEADER_HEIGHT,
    display: 'flex',
    alignItems: 'center',
    paddingLeft: theme.spacing(1),
    backgroundColor: theme.palette.background.paper,
    borderRight: `1px solid ${theme.palette.divider}`,
  },
  columnHeader: {
    position: 'absolute',
    top: 0,
    height: HEADER_HEIGHT,
    padding: theme.spacing(0.5, 1),
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    overflow: 'hidden',
  },
  row: {
    position: 'absolute',
    left: 0,
    height: ROW_HEIGHT,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  label: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    width: LABEL_WIDTH,
    height: ROW_HEIGHT - 1,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    paddingLeft: theme.spacing(1),
    backgroundColor: theme.palette.background.paper,
    borderRight: `1px solid ${theme.palette.divider}`,
    overflow: 'hidden',
  },
  category: {
    fontSize: 10,
    textTransform: 'uppercase',
    color: theme.palette.text.secondary,
    minWidth: 40,
  },
  cell: {
    position: 'absolute',
    top: 0,
    height: ROW_HEIGHT - 1,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: 2,
  },
  marker: { color: theme.palette.warning?.main ?? '#ed6c02', fontSize: 12 },
  none: { color: theme.palette.text.disabled },
}));

/** @internal */
export interface MatrixGridProps {
  matrix: ReleaseMatrix;
  /** Where the per-customer steps view of a customer is. */
  customerLink: (customerId: number) => string;
  onOpenStep: (stepId: number) => void;
  onQuickAction: (cell: MatrixCell, action: QuickAction) => void;
  busy?: boolean;
  /** Step ids of the selected cells; with `onSelect`, cells get checkboxes. */
  selected?: ReadonlySet<number>;
  /** Selects or unselects cells (one, a customer's column or a step's row). */
  onSelect?: (cells: MatrixCell[], selected: boolean) => void;
}

/** A checkbox for a group of cells: checked when all are selected. */
function SelectBox(props: {
  cells: MatrixCell[];
  label: string;
  selected: ReadonlySet<number>;
  onSelect: (cells: MatrixCell[], selected: boolean) => void;
}) {
  const { cells, label, selected, onSelect } = props;
  const count = cells.filter(c => selected.has(c.stepId)).length;
  const all = cells.length > 0 && count === cells.length;
  return (
    <Checkbox
      size="small"
      checked={all}
      indeterminate={count > 0 && !all}
      disabled={cells.length === 0}
      onChange={() => onSelect(cells, !all)}
      inputProps={{ 'aria-label': label }}
      style={{ padding: 2 }}
    />
  );
}

function CellView(props: {
  step: MatrixStep;
  customerName: string;
  cell: MatrixCell;
  onOpenStep: (stepId: number) => void;
  onQuickAction: (cell: MatrixCell, action: QuickAction) => void;
  busy?: boolean;
}) {
  const { step, customerName, cell, onOpenStep, onQuickAction, busy } = props;
  const classes = useStyles();
  const quick = quickActions[cell.status];
  return (
    <>
      <ButtonBase
        onClick={() => onOpenStep(cell.stepId)}
        aria-label={`${step.name} for ${customerName}: ${cell.status}`}
      >
        <StatusChip status={cell.status} />
      </ButtonBase>
      {cell.isOverridden && (
        <Tooltip title="Content overridden for this customer">
          <span className={classes.marker}>✎</span>
        </Tooltip>
      )}
      {quick && (
        <Tooltip title={quick.label}>
          <span>
            <IconButton
              size="small"
              disabled={busy}
              aria-label={`${quick.label}: ${step.name} for ${customerName}`}
              onClick={() => onQuickAction(cell, quick.action)}
            >
              {quick.icon}
            </IconButton>
          </span>
        </Tooltip>
      )}
    </>
  );
}

/**
 * The matrix of one cluster: steps as rows, customers as columns, status
 * chips with quick actions in the cells. Rows and columns are virtualized,
 * so only what is on screen is rendered; the step names and the customer
 * headers stay in place while scrolling.
 *
 * @internal
 */
export const MatrixGrid = (props: MatrixGridProps) => {
  const {
    matrix,
    customerLink,
    onOpenStep,
    onQuickAction,
    busy,
    selected = new Set<number>(),
    onSelect,
  } = props;
  const classes = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { steps, customers, cells } = matrix;

  const rows = useVirtualizer({
    count: steps.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    observeElementRect: observeRectWithFallback,
  });
  const columns = useVirtualizer({
    horizontal: true,
    count: customers.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => COLUMN_WIDTH,
    overscan: 3,
    observeElementRect: observeRectWithFallback,
  });

  const cellsOf = (customerIds: number[], stepKeys: string[]) =>
    customerIds.flatMap(cid =>
      stepKeys.flatMap(key => {
        const cell = cells[String(cid)]?.[key];
        return cell ? [cell] : [];
      }),
    );
  const allKeys = steps.map(s => s.key);
  const allCustomers = customers.map(c => c.id);

  const width = LABEL_WIDTH + columns.getTotalSize();
  const height = HEADER_HEIGHT + rows.getTotalSize();
  const virtualColumns = columns.getVirtualItems();

  return (
    <div
      ref={scrollRef}
      className={classes.scroller}
      style={{ height: Math.min(height + 2, MAX_HEIGHT) }}
      role="grid"
      aria-label={`Steps of ${matrix.clusterName}`}
      aria-rowcount={steps.length + 1}
      aria-colcount={customers.length + 1}
    >
      <div style={{ width, height, position: 'relative' }}>
        <div className={classes.header} style={{ width }} role="row">
          <div className={classes.corner} role="columnheader">
            <Typography variant="subtitle2">
              Step / customer ({customers.length} of {matrix.totalCount})
            </Typography>
          </div>
          {virtualColumns.map(column => {
            const customer = customers[column.index];
            return (
              <div
                key={customer.id}
                role="columnheader"
                className={classes.columnHeader}
                style={{ left: LABEL_WIDTH + column.start, width: column.size }}
              >
                {onSelect && (
                  <SelectBox
                    cells={cellsOf([customer.id], allKeys)}
                    label={`Select every step of ${customer.name}`}
                    selected={selected}
                    onSelect={onSelect}
                  />
                )}
                <Link to={customerLink(customer.id)}>
                  <Typography variant="body2" noWrap title={customer.name}>
                    {customer.name}
                  </Typography>
                </Link>
                <Typography variant="caption" color="textSecondary" noWrap>
                  {customer.namespace}
                </Typography>
                <ProgressBar
                  dense
                  progress={customer.progress}
                  label={customer.name}
                />
              </div>
            );
          })}
        </div>
        {rows.getVirtualItems().map(row => {
          const step = steps[row.index];
          return (
            <div
              key={step.key}
              role="row"
              className={classes.row}
              style={{ top: HEADER_HEIGHT + row.start, width }}
            >
              <div className={classes.label} role="rowheader">
                {onSelect && (
                  <SelectBox
                    cells={cellsOf(allCustomers, [step.key])}
                    label={`Select ${step.name} for every customer`}
                    selected={selected}
                    onSelect={onSelect}
                  />
                )}
                <span className={classes.category}>{step.category}</span>
                <Typography variant="body2" noWrap title={step.name}>
                  {step.name}
                  {step.isCustom ? ' (custom)' : ''}
                </Typography>
              </div>
              {virtualColumns.map(column => {
                const customer = customers[column.index];
                const cell = cells[String(customer.id)]?.[step.key];
                return (
                  <div
                    key={customer.id}
                    role="gridcell"
                    className={classes.cell}
                    style={{
                      left: LABEL_WIDTH + column.start,
                      width: column.size,
                    }}
                  >
                    {cell && onSelect && (
                      <SelectBox
                        cells={[cell]}
                        label={`Select ${step.name} for ${customer.name}`}
                        selected={selected}
                        onSelect={onSelect}
                      />
                    )}
                    {cell ? (
                      <CellView
                        step={step}
                        customerName={customer.name}
                        cell={cell}
                        onOpenStep={onOpenStep}
                        onQuickAction={onQuickAction}
                        busy={busy}
                      />
                    ) : (
                      <span className={classes.none}>—</span>
                    )}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
};
