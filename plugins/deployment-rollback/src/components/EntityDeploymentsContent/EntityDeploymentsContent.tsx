import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { DEPLOYMENT_SERVICE_ANNOTATION } from '@opshub/plugin-deployment-rollback-common';
import {
  DeploymentRefreshProvider,
  ServiceSignals,
} from '../../hooks/useDeploymentRefresh';
import { useCurrentVersions } from '../../hooks/useDeployments';
import { DeploymentHistory } from '../DeploymentHistory';
import { EnvironmentCards } from '../EnvironmentCards';
import { PreviewsTable } from '../PreviewsTable';

const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';

const ServiceDeployments = (props: {
  service: string;
  entityRef: string;
  projectSlug?: string;
}) => {
  const versions = useCurrentVersions(props.service);
  const environments = (versions.value ?? []).map(v => v.environment);
  return (
    <Grid container spacing={3}>
      <ServiceSignals services={[props.service]} />
      <Grid item xs={12}>
        <EnvironmentCards {...props} />
      </Grid>
      <Grid item xs={12}>
        <DeploymentHistory
          service={props.service}
          environments={environments}
        />
      </Grid>
      <Grid item xs={12}>
        <PreviewsTable service={props.service} />
      </Grid>
    </Grid>
  );
};

/**
 * Entity tab: one card per environment of the entity's service (with
 * Deploy and Rollback), and its deployment history. Refetches on the
 * service's signal.
 */
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
    <DeploymentRefreshProvider>
      <ServiceDeployments
        service={service}
        entityRef={stringifyEntityRef(entity)}
        projectSlug={entity.metadata.annotations?.[PROJECT_SLUG_ANNOTATION]}
      />
    </DeploymentRefreshProvider>
  );
};
