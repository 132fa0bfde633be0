import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { HEALTH_SERVICE_ANNOTATION } from '@opshub/plugin-infra-health-common';
import { EntityAlerts } from '../EntityAlerts';
import { HealthGrid } from '../HealthGrid';

/**
 * Entity tab: the health grid of the entity's service
 * (`opshub.io/health-service`).
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
    <>
      <HealthGrid service={service} />
      <EntityAlerts service={service} />
    </>
  );
};
