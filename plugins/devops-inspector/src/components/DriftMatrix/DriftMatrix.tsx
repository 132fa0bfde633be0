import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SchemaDifference } from '@opshub/plugin-devops-inspector-common';
import {
  observeElementRect,
  useVirtualizer,
  Virtualizer,
} from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useDeferredValue,
  useMemo,
  useRef,
  useState,
} from 'react';
import { MatrixFilters } from './MatrixFilters';
import {
  DriftMatrixModel,
  EMPTY_FILTER,
  filterMatrix,
  MatrixColumn,
  MatrixFilter,
  MatrixItem,
  MatrixRow,
} from './model';

const HEADER_HEIGHT = 56;
const GROUP_HEIGHT = 30;
const ROW_HEIGHT = 34;
const LABEL_WIDTH = 400;
const COLUMN_WIDTH = 240;
const MAX_HEIGHT = 600;
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

const HEIGHTS: Record<MatrixItem['kind'], number> = {
  group: GROUP_HEIGHT,
  row: ROW_HEIGHT,
  child: ROW_HEIGHT,
};

/**
 * Colours of the change marks (also used by the detail).
 *
 * @internal
 */
export const CHANGE_COLORS: Record<SchemaDifference['change'], string> = {
  added: '#2e7d32',
  removed: '#c62828',
  modified: '#1565c0',
};

/** @internal */
export const SEVERITY_COLORS: Record<SchemaDifference['severity'], string> = {
  breaking: '#c62828',
  hazard: '#ef6c00',
  info: '#757575',
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
    zIndex: 3,
    height: HEADER_HEIGHT,
    display: 'flex',
    backgroundColor: theme.palette.background.paper,
    borderBottom: `2px solid ${theme.palette.divider}`,
  },
  corner: {
    position: 'sticky',
    left: 0,
    zIndex: 4,
    flex: `0 0 ${LABEL_WIDTH}px`,
    display: 'flex',
    alignItems: 'center',
    padding: theme.spacing(0, 1),
    backgroundColor: theme.palette.background.paper,
    borderRight: `1px solid ${theme.palette.divider}`,
  },
  columnHeader: {
    flex: `0 0 ${COLUMN_WIDTH}px`,
    padding: theme.spacing(0.5, 1),
    overflow: 'hidden',
    borderRight: `1px solid ${theme.palette.divider}`,
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
  },
  headerError: { color: theme.palette.error.main, fontSize: 12 },
  headerNote: { color: theme.palette.text.secondary, fontSize: 12 },
  line: {
    position: 'absolute',
    left: 0,
    display: 'flex',
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  row: {
    '&:hover $label, &:hover $cell': {
      backgroundColor: theme.palette.action.hover,
    },
  },
  group: {
    alignItems: 'center',
    backgroundColor: theme.palette.background.default,
    fontWeight: theme.typography.fontWeightBold as number,
    fontSize: 13,
  },
  groupLabel: {
    position: 'sticky',
    left: 0,
    padding: theme.spacing(0, 1),
    textTransform: 'capitalize',
  },
  label: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    flex: `0 0 ${LABEL_WIDTH}px`,
    display: 'flex',
    alignItems: 'center',
    gap: 4,
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    backgroundColor: theme.palette.background.paper,
    borderRight: `1px solid ${theme.palette.divider}`,
  },
  childLabel: { paddingLeft: theme.spacing(5) },
  toggle: {
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    width: 20,
    padding: 0,
    color: theme.palette.text.secondary,
    font: 'inherit',
  },
  spacer: { display: 'inline-block', width: 20, flex: '0 0 20px' },
  open: {
    border: 'none',
    background: 'none',
    cursor: 'pointer',
    padding: 0,
    font: 'inherit',
    fontSize: 13,
    fontFamily: 'monospace',
    color: theme.palette.text.primary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    textAlign: 'left',
  },
  type: {
    fontSize: 10,
    textTransform: 'uppercase',
    color: theme.palette.text.secondary,
    flex: '0 0 auto',
  },
  count: { fontSize: 11, color: theme.palette.text.secondary },
  cell: {
    flex: `0 0 ${COLUMN_WIDTH}px`,
    display: 'flex',
    alignItems: 'center',
    gap: 4,
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: 12,
    borderRight: `1px solid ${theme.palette.divider}`,
  },
  mark: {
    borderRadius: 8,
    padding: '1px 6px',
    color: '#fff',
    fontSize: 11,
    lineHeight: '16px',
  },
  severity: {
    borderRadius: 8,
    padding: '0 5px',
    fontSize: 11,
    lineHeight: '14px',
    border: '1px solid',
  },
  codes: {
    color: theme.palette.text.secondary,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  same: { color: theme.palette.text.disabled },
  folded: { color: theme.palette.text.secondary, fontStyle: 'italic' },
  notCompared: { color: theme.palette.error.main },
  empty: { padding: theme.spacing(3), textAlign: 'center' },
}));

type Classes = ReturnType<typeof useStyles>;

/** One cell: the difference in a target, "same", or why there is none. */
function cellContent(
  classes: Classes,
  column: MatrixColumn,
  difference: SchemaDifference | undefined,
  foldedInto: SchemaDifference | undefined,
) {
  if (column.error !== undefined) {
    return (
      <span className={classes.notCompared} title={column.error}>
        not compared
      </span>
    );
  }
  if (difference) {
    const codes = difference.hazards.map(h => h.code).join(', ');
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
        {codes && (
          <span
            className={classes.codes}
            title={difference.hazards
              .map(h => `${h.code}: ${h.reason}`)
              .join('\n')}
          >
            {codes}
          </span>
        )}
      </>
    );
  }
  if (foldedInto) {
    return (
      <span className={classes.folded}>
        {foldedInto.change} with {foldedInto.objectType} {foldedInto.name}
      </span>
    );
  }
  return <span className={classes.same}>same</span>;
}

const Line = memo(function MatrixLine(props: {
  item: MatrixItem;
  top: number;
  width: number;
  columns: MatrixColumn[];
  classes: Classes;
  onOpen: (row: MatrixRow) => void;
  onToggle: (key: string) => void;
}) {
  const { item, top, width, columns, classes, onOpen, onToggle } = props;
  if (item.kind === 'group') {
    return (
      <div
        role="row"
        className={`${classes.line} ${classes.group}`}
        style={{ top, width, height: GROUP_HEIGHT }}
      >
        <div role="rowheader" className={classes.groupLabel}>
          {item.objectType.replace('_', ' ')} · {item.schema} ({item.count})
        </div>
      </div>
    );
  }
  const { row } = item;
  const child = item.kind === 'child';
  return (
    <div
      role="row"
      data-testid={child ? 'drift-child-row' : 'drift-row'}
      className={`${classes.line} ${classes.row}`}
      style={{ top, width, height: ROW_HEIGHT }}
    >
      <div
        role="rowheader"
        className={`${classes.label} ${child ? classes.childLabel : ''}`}
      >
        {!child && row.children.length > 0 ? (
          <button
            type="button"
            className={classes.toggle}
            aria-expanded={item.kind === 'row' && item.expanded}
            aria-label={`Dependent objects of ${row.label}`}
            onClick={e => {
              e.stopPropagation();
              onToggle(row.key);
            }}
          >
            {item.kind === 'row' && item.expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className={classes.spacer} />
        )}
        <span className={classes.type}>{row.objectType.replace('_', ' ')}</span>
        <button
          type="button"
          className={classes.open}
          title={`Open ${row.label}`}
          onClick={() => onOpen(row)}
        >
          {row.label}
        </button>
        {!child && row.children.length > 0 && (
          <span className={classes.count}>+{row.children.length}</span>
        )}
      </div>
      {columns.map((column, c) => (
        <div key={column.ref} role="gridcell" className={classes.cell}>
          {cellContent(classes, column, row.cells[c], row.foldedInto?.[c])}
        </div>
      ))}
    </div>
  );
});

function headerNote(column: MatrixColumn): string {
  const summary = column.result?.summary;
  if (!summary) {
    return '';
  }
  if (summary.total === 0) {
    return 'in sync';
  }
  return `${summary.total} differences, ${summary.bySeverity.breaking} breaking`;
}

/** @internal */
export interface DriftMatrixProps {
  model: DriftMatrixModel;
  /** The name shown for each column (environment or snapshot). */
  labels: string[];
  onOpen: (row: MatrixRow) => void;
}

/**
 * Every target at once: one row per object that differs in at least one
 * target, grouped by object type and schema, one column per target with the
 * change there (or "same"). Rows are virtualized, so thousands of
 * differences cost what a screenful does; folded dependent objects open
 * under their table.
 *
 * @internal
 */
export const DriftMatrix = (props: DriftMatrixProps) => {
  const { model, labels, onOpen } = props;
  const classes = useStyles();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [filter, setFilter] = useState<MatrixFilter>(EMPTY_FILTER);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // typing in the search stays responsive on large results
  const deferredFilter = useDeferredValue(filter);
  const view = useMemo(
    () => filterMatrix(model, deferredFilter, expanded),
    [model, deferredFilter, expanded],
  );
  const { items } = view;
  const toggle = useCallback(
    (key: string) =>
      setExpanded(prev => {
        const next = new Set(prev);
        if (!next.delete(key)) {
          next.add(key);
        }
        return next;
      }),
    [],
  );
  const getItemKey = useCallback((i: number) => items[i].id, [items]);
  const estimateSize = useCallback(
    (i: number) => HEIGHTS[items[i].kind],
    [items],
  );
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: 8,
    observeElementRect: observeRectWithFallback,
  });

  const width = LABEL_WIDTH + COLUMN_WIDTH * model.columns.length;
  const height = HEADER_HEIGHT + virtualizer.getTotalSize();

  return (
    <div>
      <MatrixFilters
        filter={filter}
        onChange={setFilter}
        objectTypes={model.objectTypes}
        schemas={model.schemas}
      />
      <div
        ref={scrollRef}
        className={classes.scroller}
        style={{ height: Math.min(height + 4, MAX_HEIGHT) }}
        role="grid"
        aria-label={`Schema differences from ${model.source}`}
        aria-rowcount={items.length + 1}
        aria-colcount={model.columns.length + 1}
        data-testid="drift-matrix"
      >
        <div style={{ width, height, position: 'relative' }}>
          <div className={classes.header} style={{ width }} role="row">
            <div className={classes.corner} role="columnheader">
              <Typography variant="subtitle2">
                Object ({view.rowCount} of {model.rows.length})
              </Typography>
            </div>
            {model.columns.map((column, c) => (
              <div
                key={column.ref}
                className={classes.columnHeader}
                role="columnheader"
              >
                <Typography variant="subtitle2" noWrap title={labels[c]}>
                  {labels[c]}
                </Typography>
                {column.error !== undefined ? (
                  <span className={classes.headerError} title={column.error}>
                    not compared: {column.error}
                  </span>
                ) : (
                  <span className={classes.headerNote}>
                    {headerNote(column)}
                  </span>
                )}
              </div>
            ))}
          </div>
          {virtualizer.getVirtualItems().map(v => (
            <Line
              key={v.key}
              item={items[v.index]}
              top={HEADER_HEIGHT + v.start}
              width={width}
              columns={model.columns}
              classes={classes}
              onOpen={onOpen}
              onToggle={toggle}
            />
          ))}
        </div>
      </div>
      {items.length === 0 && (
        <Typography className={classes.empty} color="textSecondary">
          {model.rows.length === 0
            ? 'No differences: every compared target is in sync with the source.'
            : 'No difference matches the filters.'}
        </Typography>
      )}
    </div>
  );
};
