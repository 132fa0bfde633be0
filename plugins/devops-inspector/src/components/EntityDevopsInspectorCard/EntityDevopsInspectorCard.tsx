import { InfoCard } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { INSPECTOR_ENVIRONMENT_ANNOTATION } from '@opshub/plugin-devops-inspector-common';
import { EnvironmentSummaryCard } from '../EnvironmentSummaryCard';

/**
 * Compact entity card of a database Resource: tier, database status, server
 * version and latency of its environment.
 *
 * @internal
 */
export const EntityDevopsInspectorCard = () => {
  const { entity } = useEntity();
  const environment =
    entity.metadata.annotations?.[INSPECTOR_ENVIRONMENT_ANNOTATION]?.trim();
  if (!environment) {
    return (
      <InfoCard title="Database environment">
        <MissingAnnotationEmptyState
          annotation={INSPECTOR_ENVIRONMENT_ANNOTATION}
        />
      </InfoCard>
    );
  }
  return <EnvironmentSummaryCard name={environment} />;
};
