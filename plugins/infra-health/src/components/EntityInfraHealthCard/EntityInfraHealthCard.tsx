import { InfoCard } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import {
  HEALTH_SERVICE_ANNOTATION,
  SloStatus,
} from '@opshub/plugin-infra-health-common';
import {
  AsyncView,
  formatLatency,
  formatPercent,
  StatusChip,
} from '@opshub/opshub-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { infraHealthApiRef } from '../../api';
import { useAlertsRefresh } from '../../hooks/useAlerts';
import { useHealthChecks } from '../../hooks/useHealthChecks';
import { useSlos } from '../../hooks/useSlos';

function budgetOf(slo: SloStatus): string {
  if (slo.errorBudgetRemaining !== null) {
    return `${formatPercent(slo.errorBudgetRemaining * 100)} budget left`;
  }
  return slo.error ? 'error' : 'no data';
}

/**
 * One line under the checks: the firing alerts of the service and the
 * error budget left of each of its SLOs. A part that fails to load says so
 * and leaves the rest.
 */
const ServiceSummary = ({ service }: { service: string }) => {
  const api = useApi(infraHealthApiRef);
  const { refresh } = useAlertsRefresh();
  const firing = useAsyncRetry(
    async () =>
      (await api.listAlerts({ service, state: 'firing', limit: 1, offset: 0 }))
        .totalCount,
    [api, service, refresh],
  );
  const slos = useSlos(service);
  let alertsText = 'alerts: loading';
  if (firing.error) alertsText = 'alerts: unavailable';
  else if (firing.value !== undefined)
    alertsText = `${firing.value} firing alert${firing.value === 1 ? '' : 's'}`;
  let budgetText = '';
  if (slos.error) budgetText = 'SLOs: unavailable';
  else if (slos.value && slos.value.length > 0)
    budgetText = slos.value
      .map(slo => `${slo.name}: ${budgetOf(slo)}`)
      .join(' · ');
  return (
    <Box px={2} pb={1} data-testid="health-summary">
      <Typography variant="body2">{alertsText}</Typography>
      {budgetText && (
        <Typography variant="body2" color="textSecondary">
          {budgetText}
        </Typography>
      )}
    </Box>
  );
};

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
 * service, its firing alerts and the error budget left of its SLOs.
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
        <>
          <ServiceChecks service={service} />
          <ServiceSummary service={service} />
        </>
      ) : (
        <MissingAnnotationEmptyState annotation={HEALTH_SERVICE_ANNOTATION} />
      )}
    </InfoCard>
  );
};
