import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

/** @public */
export type StatusTone = 'ok' | 'warning' | 'error' | 'pending' | 'neutral';

const tones: Record<string, StatusTone> = {
  ok: 'ok',
  healthy: 'ok',
  succeeded: 'ok',
  success: 'ok',
  done: 'ok',
  active: 'ok',
  degraded: 'warning',
  skipped: 'warning',
  warning: 'warning',
  reverted: 'warning',
  rolled_back: 'warning',
  unhealthy: 'error',
  failed: 'error',
  error: 'error',
  down: 'error',
  firing: 'error',
  pending: 'pending',
  running: 'pending',
  in_progress: 'pending',
  queued: 'pending',
  draft: 'neutral',
  archived: 'neutral',
  unknown: 'neutral',
};

/**
 * The tone a status word is shown in. Unknown words are neutral.
 *
 * @public
 */
export function statusTone(status: string): StatusTone {
  return tones[status.toLowerCase()] ?? 'neutral';
}

const useStyles = makeStyles(theme => ({
  ok: {
    backgroundColor: theme.palette.success?.main ?? '#2e7d32',
    color: '#fff',
  },
  warning: {
    backgroundColor: theme.palette.warning?.main ?? '#ed6c02',
    color: '#000',
  },
  error: {
    backgroundColor: theme.palette.error.main,
    color: '#fff',
  },
  pending: {
    backgroundColor: theme.palette.info?.main ?? '#0288d1',
    color: '#fff',
  },
  neutral: {},
}));

/** @public */
export interface StatusChipProps {
  status: string;
  label?: string;
}

/**
 * A small chip whose colour follows the status: green for healthy/done,
 * amber for degraded/skipped, red for failed/unhealthy, blue for pending.
 *
 * @public
 */
export function StatusChip(props: StatusChipProps) {
  const classes = useStyles();
  const tone = statusTone(props.status);
  return (
    <Chip
      size="small"
      label={props.label ?? props.status.replace(/_/g, ' ')}
      className={classes[tone]}
      data-tone={tone}
    />
  );
}
