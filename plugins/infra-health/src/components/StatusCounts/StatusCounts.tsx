import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import {
  CheckWithStatus,
  HealthStatus,
} from '@opshub/plugin-infra-health-common';

/** The order and labels of the counts. @internal */
export const STATUS_LABELS: Array<[HealthStatus, string]> = [
  ['healthy', 'Up'],
  ['degraded', 'Degraded'],
  ['unhealthy', 'Down'],
  ['maintenance', 'Maintenance'],
  ['unknown', 'Unknown'],
];

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
}));

/**
 * How many checks are up, degraded, down, in maintenance and unknown; a
 * click filters the grid by that status.
 *
 * @internal
 */
export const StatusCounts = (props: {
  checks: CheckWithStatus[];
  selected?: HealthStatus;
  onSelect: (status?: HealthStatus) => void;
}) => {
  const classes = useStyles();
  return (
    <div className={classes.root} aria-label="Status counts">
      {STATUS_LABELS.map(([status, label]) => {
        const count = props.checks.filter(c => c.status === status).length;
        return (
          <Chip
            key={status}
            data-testid={`count-${status}`}
            label={`${label}: ${count}`}
            color={props.selected === status ? 'primary' : 'default'}
            onClick={() =>
              props.onSelect(props.selected === status ? undefined : status)
            }
          />
        );
      })}
    </div>
  );
};
