import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { CheckWithStatus } from '@opshub/plugin-infra-health-common';
import { AsyncView } from '@opshub/opshub-react';
import { useHealthChecks } from '../../hooks/useHealthChecks';
import { HealthCheckTile } from '../HealthCheckTile';

function groupByService(checks: CheckWithStatus[]) {
  const groups = new Map<string, CheckWithStatus[]>();
  for (const check of checks) {
    groups.set(check.service, [...(groups.get(check.service) ?? []), check]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** @internal */
export interface HealthGridProps {
  /** Only this service's checks; every service, grouped, when absent. */
  service?: string;
}

/**
 * The health grid: one tile per check, grouped by service, coloured by
 * status, reloaded every 30 seconds.
 *
 * @internal
 */
export const HealthGrid = ({ service }: HealthGridProps) => {
  const state = useHealthChecks(service);
  return (
    <AsyncView
      {...state}
      isEmpty={checks => checks.length === 0}
      emptyTitle={
        service
          ? `No health checks for ${service}`
          : 'No health checks configured'
      }
      emptyDescription="Add checks under infraHealth.checks in app-config.yaml; their service must match the opshub.io/health-service annotation."
    >
      {checks => (
        <Grid container spacing={3}>
          {groupByService(checks).map(([name, group]) => (
            <Grid item xs={12} key={name}>
              {!service && (
                <Typography variant="h6" component="h2" gutterBottom>
                  {name}
                </Typography>
              )}
              <Grid container spacing={2}>
                {group.map(check => (
                  <Grid item xs={12} sm={6} md={4} lg={3} key={check.id}>
                    <HealthCheckTile check={check} />
                  </Grid>
                ))}
              </Grid>
            </Grid>
          ))}
        </Grid>
      )}
    </AsyncView>
  );
};
