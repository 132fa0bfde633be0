import Grid from '@material-ui/core/Grid';
import { AsyncView } from '@opshub/opshub-react';
import { useSlos } from '../../hooks/useSlos';
import { SloCard } from './SloCard';

/** @public */
export interface SloCardsProps {
  /** Only this service's SLOs; every SLO when absent. */
  service?: string;
}

/**
 * One card per SLO of a service: SLI, objective, error budget left, burn-rate
 * pairs and a chart. A card whose source failed shows its error; Prometheus
 * SLOs without `infraHealth.prometheus` say "Prometheus not configured".
 *
 * @public
 */
export const SloCards = ({ service }: SloCardsProps) => {
  const state = useSlos(service);
  return (
    <AsyncView
      {...state}
      isEmpty={slos => slos.length === 0}
      emptyTitle={service ? `No SLOs for ${service}` : 'No SLOs defined'}
      emptyDescription="Add SLOs under infraHealth.slos in app-config.yaml, or create one with Manage SLOs."
    >
      {slos => (
        <Grid container spacing={2}>
          {slos.map(slo => (
            <Grid item xs={12} md={6} xl={4} key={slo.id}>
              <SloCard slo={slo} />
            </Grid>
          ))}
        </Grid>
      )}
    </AsyncView>
  );
};
