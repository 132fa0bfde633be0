import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { EnvironmentSummary } from '@opshub/plugin-devops-inspector-common';
import { AsyncView, formatLatency } from '@opshub/opshub-react';
import { useEnvironment } from '../../hooks/useInspector';
import { DatabaseStatusChip } from '../EnvironmentsTable';

/**
 * Tier, database status, server version and latency of one environment.
 *
 * @internal
 */
export const EnvironmentSummaryDetails = (props: {
  environment: EnvironmentSummary;
}) => {
  const { environment } = props;
  const { database } = environment;
  return (
    <StructuredMetadataTable
      dense
      metadata={{
        environment: `${environment.label} (${environment.name})`,
        tier: <Chip size="small" variant="outlined" label={environment.tier} />,
        database: <DatabaseStatusChip status={database.status} />,
        'server version': database.serverVersion ?? '—',
        latency: formatLatency(database.latencyMs),
        ...(database.error
          ? {
              error: (
                <Typography variant="body2" color="error">
                  {database.error}
                </Typography>
              ),
            }
          : {}),
      }}
    />
  );
};

/**
 * A card with the live summary of the named environment.
 *
 * @internal
 */
export const EnvironmentSummaryCard = (props: { name: string }) => {
  const state = useEnvironment(props.name);
  return (
    <InfoCard title="Database environment">
      <AsyncView
        {...state}
        emptyTitle={`Environment ${props.name} is not available`}
        emptyDescription="It is not configured in devopsInspector.environments, or you may not read it."
      >
        {environment => <EnvironmentSummaryDetails environment={environment} />}
      </AsyncView>
    </InfoCard>
  );
};
