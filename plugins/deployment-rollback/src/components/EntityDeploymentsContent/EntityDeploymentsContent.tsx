import { MissingAnnotationEmptyState } from '@backstage/plugin-catalog-react';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { DEPLOYMENT_SERVICE_ANNOTATION } from '@opshub/plugin-deployment-rollback-common';
import { CurrentVersionsTable } from '../CurrentVersionsCard';
import { DeploymentHistoryTable } from '../DeploymentHistoryTable';

/** Entity tab: the versions and history of the entity's service. */
export const EntityDeploymentsContent = () => {
  const { entity } = useEntity();
  const service =
    entity.metadata.annotations?.[DEPLOYMENT_SERVICE_ANNOTATION]?.trim();
  if (!service) {
    return (
      <MissingAnnotationEmptyState annotation={DEPLOYMENT_SERVICE_ANNOTATION} />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <CurrentVersionsTable service={service} />
      </Grid>
      <Grid item xs={12}>
        <DeploymentHistoryTable service={service} />
      </Grid>
    </Grid>
  );
};
