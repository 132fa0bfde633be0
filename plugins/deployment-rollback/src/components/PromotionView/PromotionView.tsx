import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EnvironmentVersion } from '@opshub/plugin-deployment-rollback-common';
import { formatTime, StatusChip } from '@opshub/opshub-react';
import { promotionOf } from './promotion';

const useStyles = makeStyles(theme => ({
  drift: {
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(237, 108, 2, 0.25)'
        : 'rgba(237, 108, 2, 0.12)',
  },
  version: { fontFamily: 'monospace', fontWeight: 600 },
}));

/**
 * Every service across the environments in promotion order, with the
 * environments that lag the previous stage highlighted.
 */
export const PromotionView = (props: {
  items: EnvironmentVersion[];
  environments: string[];
}) => {
  const classes = useStyles();
  const rows = promotionOf(props.items, props.environments);
  return (
    <InfoCard title="Promotion" subheader="What runs where, in promotion order">
      <Table size="small" aria-label="Promotion">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            {props.environments.map(environment => (
              <TableCell key={environment}>{environment}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.service}>
              <TableCell component="th" scope="row">
                {row.service}
              </TableCell>
              {props.environments.map(environment => {
                const current = row.versions.get(environment);
                const drift = row.drift.get(environment);
                if (!current) {
                  return (
                    <TableCell key={environment}>
                      <Typography variant="body2" color="textSecondary">
                        —
                      </Typography>
                    </TableCell>
                  );
                }
                return (
                  <TableCell
                    key={environment}
                    className={drift ? classes.drift : undefined}
                    data-drift={drift ? 'true' : undefined}
                    title={`Deployed ${formatTime(current.deployedAt)}`}
                  >
                    <span className={classes.version}>{current.version}</span>{' '}
                    {current.latestStatus !== 'succeeded' && (
                      <StatusChip
                        status={current.latestStatus}
                        label={`latest ${current.latestStatus.replace(
                          /_/g,
                          ' ',
                        )}`}
                      />
                    )}
                    {drift && (
                      <Typography variant="caption" component="div">
                        {drift}
                      </Typography>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
