import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { InfoCard } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { AsyncView } from '@opshub/opshub-react';
import { INSPECTOR_ENVIRONMENT_ANNOTATION } from '@opshub/plugin-devops-inspector-common';
import { useEnvironments } from '../../hooks/useInspector';
import { EnvironmentSummaryCard } from '../EnvironmentSummaryCard';
import { SchemaCompare } from '../SchemaCompare';
import { TableBrowser } from '../TableBrowser';

/** The drift matrix with the entity's environment as the source. */
const CompareWithOthers = (props: { environment: string }) => {
  const { environment } = props;
  const environments = useEnvironments();
  return (
    <InfoCard title={`Compare ${environment} with other environments`}>
      <AsyncView
        {...environments}
        isEmpty={value => value.length < 2}
        emptyTitle="Nothing to compare"
        emptyDescription="Comparing needs at least two environments you may read."
      >
        {value => (
          <SchemaCompare
            environments={value.map(e => e.name)}
            initialSource={environment}
          />
        )}
      </AsyncView>
    </InfoCard>
  );
};

/**
 * Entity tab of a database Resource: the live summary and the tables of the
 * environment named by `opshub.io/inspector-environment`, and the drift
 * matrix with that environment preselected as the source.
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
      <Grid item xs={12}>
        <CompareWithOthers key={environment} environment={environment} />
      </Grid>
    </Grid>
  );
};
