import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { HEALTH_SERVICE_ANNOTATION } from '@opshub/plugin-infra-health-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { EntityAlerts } from '../EntityAlerts';
import { HealthGrid } from '../HealthGrid';
import { RecentLogs } from '../RecentLogs';
import { SloCards } from '../SloCards';

/**
 * Entity tab: the health grid, the SLO cards and the recent logs of the
 * entity's service (`opshub.io/health-service`).
 *
 * @internal
 */
export const EntityInfraHealthContent = () => {
  const { entity } = useEntity();
  const service =
    entity.metadata.annotations?.[HEALTH_SERVICE_ANNOTATION]?.trim();
  if (!service) {
    return (
      <MissingAnnotationEmptyState annotation={HEALTH_SERVICE_ANNOTATION} />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <HealthGrid service={service} />
      </Grid>
      <Grid item xs={12}>
        <EntityAlerts service={service} />
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h6" component="h2" gutterBottom>
          SLOs
        </Typography>
        <SloCards service={service} />
      </Grid>
      <Grid item xs={12}>
        <RecentLogs service={service} />
      </Grid>
    </Grid>
  );
};
