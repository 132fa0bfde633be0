import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  ACTIVITY_EXPORT_MAX_ROWS,
  ActivityExportFormat,
  inspectorActivityExportPermission,
  inspectorCacheClearPermission,
} from '@opshub/plugin-devops-inspector-common';
import { ReactElement, useState } from 'react';
import {
  useActivityExport,
  useClearCache,
  useQuickActionPermissions,
} from '../../hooks/useQuickActions';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  select: { minWidth: 140 },
}));

const HOUR_MS = 60 * 60 * 1000;

/** The ranges "Export logs" offers, ending now. */
const RANGES = [
  { value: '1h', label: 'Last hour', ms: HOUR_MS },
  { value: '24h', label: 'Last 24 hours', ms: 24 * HOUR_MS },
  { value: '7d', label: 'Last 7 days', ms: 7 * 24 * HOUR_MS },
  { value: '30d', label: 'Last 30 days', ms: 30 * 24 * HOUR_MS },
] as const;

type RangeValue = (typeof RANGES)[number]['value'] | 'custom';

/**
 * `date` as the value of a `datetime-local` input, in local time.
 *
 * @internal
 */
export function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * The `[from, to)` a custom range stands for, or why it stands for none.
 * `datetime-local` values are local times.
 *
 * @internal
 */
export function customRange(
  from: string,
  to: string,
): { from: Date; to: Date } | { error: string } {
  const start = from ? new Date(from) : undefined;
  const end = to ? new Date(to) : undefined;
  if (!start || Number.isNaN(start.getTime())) {
    return { error: 'Choose when the range starts' };
  }
  if (!end || Number.isNaN(end.getTime())) {
    return { error: 'Choose when the range ends' };
  }
  if (start.getTime() >= end.getTime()) {
    return { error: 'The range must start before it ends' };
  }
  return { from: start, to: end };
}

/** A button, disabled with the reason as tooltip when not allowed. */
const Allowed = (props: {
  allowed: boolean;
  loading: boolean;
  permission: string;
  children: ReactElement;
}) =>
  props.allowed || props.loading ? (
    props.children
  ) : (
    <Tooltip title={`You need the ${props.permission} permission`}>
      {/* a disabled button fires no events: the span carries the tooltip */}
      <span>{props.children}</span>
    </Tooltip>
  );

/** @internal */
export interface QuickActionsProps {
  /** Called after the caches were cleared, to measure again. */
  onCacheCleared?: () => void;
}

/**
 * "Clear cache" and "Export logs", each enabled only with its permission
 * (asked of the backend's policy) and recorded in the activity log.
 *
 * @internal
 */
export const QuickActions = (props: QuickActionsProps) => {
  const classes = useStyles();
  const permissions = useQuickActionPermissions();
  const clearCache = useClearCache(props.onCacheCleared);
  const activityExport = useActivityExport();
  const [range, setRange] = useState<RangeValue>('24h');
  const [customFrom, setCustomFrom] = useState(() =>
    toLocalInput(new Date(Date.now() - 24 * HOUR_MS)),
  );
  const [customTo, setCustomTo] = useState(() => toLocalInput(new Date()));
  const custom =
    range === 'custom' ? customRange(customFrom, customTo) : undefined;
  const rangeError = custom && 'error' in custom ? custom.error : undefined;

  const download = (format: ActivityExportFormat) => {
    if (custom && 'from' in custom) {
      return activityExport.download(format, custom.from, custom.to);
    }
    const to = new Date();
    const span = RANGES.find(r => r.value === range)?.ms ?? 24 * HOUR_MS;
    return activityExport.download(format, new Date(to.getTime() - span), to);
  };

  return (
    <>
      <Box className={classes.row}>
        <Allowed
          allowed={permissions.clearCache}
          loading={permissions.loading}
          permission={inspectorCacheClearPermission.name}
        >
          <Button
            variant="outlined"
            size="small"
            disabled={!permissions.clearCache || clearCache.busy}
            onClick={clearCache.clear}
          >
            Clear cache
          </Button>
        </Allowed>
      </Box>
      {clearCache.result && (
        <Typography variant="body2" gutterBottom>
          Cleared: {clearCache.result.cleared.join('; ')}
        </Typography>
      )}
      <Box className={classes.row}>
        <TextField
          select
          id="devops-drawer-export-range"
          size="small"
          variant="outlined"
          label="Logs of"
          className={classes.select}
          value={range}
          onChange={event => setRange(event.target.value as RangeValue)}
          disabled={!permissions.exportActivity}
        >
          {RANGES.map(r => (
            <MenuItem key={r.value} value={r.value}>
              {r.label}
            </MenuItem>
          ))}
          <MenuItem value="custom">From … to …</MenuItem>
        </TextField>
        {range === 'custom' && (
          <>
            <TextField
              id="devops-drawer-export-from"
              type="datetime-local"
              size="small"
              variant="outlined"
              label="From"
              value={customFrom}
              onChange={event => setCustomFrom(event.target.value)}
              InputLabelProps={{ shrink: true }}
              error={!!rangeError}
            />
            <TextField
              id="devops-drawer-export-to"
              type="datetime-local"
              size="small"
              variant="outlined"
              label="To"
              value={customTo}
              onChange={event => setCustomTo(event.target.value)}
              InputLabelProps={{ shrink: true }}
              error={!!rangeError}
              helperText={rangeError}
            />
          </>
        )}
        {(['csv', 'json'] as const).map(format => (
          <Allowed
            key={format}
            allowed={permissions.exportActivity}
            loading={permissions.loading}
            permission={inspectorActivityExportPermission.name}
          >
            <Button
              variant="outlined"
              size="small"
              disabled={
                !permissions.exportActivity ||
                activityExport.busy ||
                !!rangeError
              }
              onClick={() => download(format)}
            >
              Export logs ({format.toUpperCase()})
            </Button>
          </Allowed>
        ))}
      </Box>
      {activityExport.truncated && (
        <Typography variant="body2" color="textSecondary">
          The range holds more than{' '}
          {ACTIVITY_EXPORT_MAX_ROWS.toLocaleString('en-US')} entries: the file
          has the newest ones. Choose a shorter range for the others.
        </Typography>
      )}
    </>
  );
};
