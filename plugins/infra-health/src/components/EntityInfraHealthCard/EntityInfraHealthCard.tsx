import { InfoCard } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { HEALTH_SERVICE_ANNOTATION } from '@opshub/plugin-infra-health-common';
import {
  AsyncView,
  formatLatency,
  formatPercent,
  StatusChip,
} from '@opshub/opshub-react';
import { useHealthChecks } from '../../hooks/useHealthChecks';

const ServiceChecks = ({ service }: { service: string }) => {
  const state = useHealthChecks(service);
  return (
    <AsyncView
      {...state}
      isEmpty={checks => checks.length === 0}
      emptyTitle={`No health checks for ${service}`}
    >
      {checks => (
        <List dense disablePadding>
          {checks.map(check => (
            <ListItem key={check.id} data-testid={`health-check-${check.name}`}>
              <ListItemText
                primary={check.name}
                secondary={`${formatLatency(
                  check.latestSample?.latencyMs,
                )} · uptime 24h ${formatPercent(check.uptimePercent24h)}${
                  check.latestSample?.error
                    ? ` · ${check.latestSample.error}`
                    : ''
                }`}
              />
              <StatusChip status={check.status} />
            </ListItem>
          ))}
        </List>
      )}
    </AsyncView>
  );
};

/**
 * Compact entity card: the status of each health check of the entity's
 * service.
 *
 * @internal
 */
export const EntityInfraHealthCard = () => {
  const { entity } = useEntity();
  const service =
    entity.metadata.annotations?.[HEALTH_SERVICE_ANNOTATION]?.trim();
  return (
    <InfoCard title="Health checks">
      {service ? (
        <ServiceChecks service={service} />
      ) : (
        <MissingAnnotationEmptyState annotation={HEALTH_SERVICE_ANNOTATION} />
      )}
    </InfoCard>
  );
};
