import Card from '@material-ui/core/Card';
import Button from '@material-ui/core/Button';
import CardActions from '@material-ui/core/CardActions';
import CardContent from '@material-ui/core/CardContent';
import Dialog from '@material-ui/core/Dialog';
import DialogContent from '@material-ui/core/DialogContent';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { CheckWithStatus } from '@opshub/plugin-infra-health-common';
import {
  formatLatency,
  formatPercent,
  formatTime,
  StatusChip,
  StatusTone,
  statusTone,
} from '@opshub/opshub-react';
import { useState } from 'react';
import { checkRouteRef } from '../../routes';
import { CheckSamplesTable } from '../CheckSamplesTable';

/** The drill-down link, when the app mounts the check page. */
function useCheckLink(): ((id: number) => string) | undefined {
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks
    const link = useRouteRef(checkRouteRef);
    return id => link({ id: String(id) });
  } catch {
    return undefined;
  }
}

const useStyles = makeStyles(theme => {
  const border = (color: string) => ({ borderLeft: `6px solid ${color}` });
  return {
    root: { height: '100%' },
    ok: border(theme.palette.success?.main ?? '#2e7d32'),
    warning: border(theme.palette.warning?.main ?? '#ed6c02'),
    error: border(theme.palette.error.main),
    pending: border(theme.palette.info?.main ?? '#0288d1'),
    neutral: border(theme.palette.grey[500]),
    header: {
      display: 'flex',
      justifyContent: 'space-between',
      alignItems: 'center',
      gap: theme.spacing(1),
    },
    name: { fontWeight: theme.typography.fontWeightMedium as number },
    url: { wordBreak: 'break-all' },
    figures: {
      display: 'grid',
      gridTemplateColumns: 'auto 1fr',
      columnGap: theme.spacing(2),
      marginTop: theme.spacing(1),
    },
    errorText: {
      color: theme.palette.error.main,
      wordBreak: 'break-word',
      marginTop: theme.spacing(1),
    },
  };
});

/** @internal */
export interface HealthCheckTileProps {
  check: CheckWithStatus;
  /** Shows edit and delete on API checks. */
  canManage?: boolean;
  onEdit?: () => void;
  onDelete?: () => void;
}

/**
 * One tile of the health grid: the check, its status colour, latency,
 * 24-hour uptime, last sample time and the last error; its samples open in a
 * dialog.
 *
 * @internal
 */
export const HealthCheckTile = ({
  check,
  canManage,
  onEdit,
  onDelete,
}: HealthCheckTileProps) => {
  const classes = useStyles();
  const checkLink = useCheckLink();
  const tone: StatusTone =
    check.status === 'maintenance' ? 'pending' : statusTone(check.status);
  const sample = check.latestSample;
  const [showSamples, setShowSamples] = useState(false);
  return (
    <Card
      className={`${classes.root} ${classes[tone]}`}
      data-testid={`health-check-${check.name}`}
      data-status={check.status}
    >
      <CardContent>
        <div className={classes.header}>
          <Typography variant="subtitle1" className={classes.name}>
            {check.name}
          </Typography>
          <StatusChip status={check.status} />
        </div>
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.url}
        >
          {check.kind === 'http' ? `${check.method} ` : `${check.kind} `}
          {check.url}
        </Typography>
        <div className={classes.figures}>
          <Typography variant="body2" color="textSecondary">
            Latency
          </Typography>
          <Typography variant="body2">
            {formatLatency(sample?.latencyMs)} (p95{' '}
            {formatLatency(check.latencyP95Ms)})
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Uptime 24h
          </Typography>
          <Typography variant="body2">
            {formatPercent(check.uptimePercent24h)}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Last sample
          </Typography>
          <Typography variant="body2">
            {formatTime(sample?.sampledAt)}
          </Typography>
        </div>
        {sample?.certDaysLeft !== null &&
          sample?.certDaysLeft !== undefined && (
            <Typography variant="body2">
              Certificate: {sample.certDaysLeft} days left
            </Typography>
          )}
        {sample?.error && (
          <Typography variant="body2" className={classes.errorText}>
            {sample.error}
          </Typography>
        )}
      </CardContent>
      <CardActions>
        <Button size="small" onClick={() => setShowSamples(true)}>
          Samples
        </Button>
        {checkLink && (
          <Button size="small" component={Link} to={checkLink(check.id)}>
            Details
          </Button>
        )}
        {check.runbookUrl && (
          <Button size="small" component={Link} to={check.runbookUrl}>
            Runbook
          </Button>
        )}
        {canManage && check.source === 'api' && (
          <>
            <Button size="small" onClick={onEdit}>
              Edit
            </Button>
            <Button size="small" onClick={onDelete}>
              Delete
            </Button>
          </>
        )}
        {canManage && check.source === 'config' && (
          <Typography variant="caption" color="textSecondary">
            from config, read-only
          </Typography>
        )}
      </CardActions>
      <Dialog
        open={showSamples}
        onClose={() => setShowSamples(false)}
        maxWidth="md"
        fullWidth
        aria-label={`Samples of ${check.name}`}
      >
        <DialogContent>
          {showSamples && (
            <CheckSamplesTable checkId={check.id} checkName={check.name} />
          )}
        </DialogContent>
      </Dialog>
    </Card>
  );
};
