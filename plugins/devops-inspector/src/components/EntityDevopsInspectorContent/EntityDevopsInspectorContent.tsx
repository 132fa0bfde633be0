import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { INSPECTOR_ENVIRONMENT_ANNOTATION } from '@opshub/plugin-devops-inspector-common';
import { EnvironmentSummaryCard } from '../EnvironmentSummaryCard';
import { TableBrowser } from '../TableBrowser';

/**
 * Entity tab of a database Resource: the live summary and the tables of the
 * environment named by `opshub.io/inspector-environment`.
 *
 * @internal
 */
export const EntityDevopsInspectorContent = () => {
  const { entity } = useEntity();
  const environment =
    entity.metadata.annotations?.[INSPECTOR_ENVIRONMENT_ANNOTATION]?.trim();
  if (!environment) {
    return (
      <MissingAnnotationEmptyState
        annotation={INSPECTOR_ENVIRONMENT_ANNOTATION}
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <EnvironmentSummaryCard name={environment} />
      </Grid>
      <Grid item xs={12}>
        <TableBrowser key={environment} environment={environment} />
      </Grid>
    </Grid>
  );
};
