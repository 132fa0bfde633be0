import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DEPLOYMENT_SERVICE_ANNOTATION,
  EnvironmentVersion,
} from '@opshub/plugin-deployment-rollback-common';
import { AsyncView, formatTime, StatusChip } from '@opshub/opshub-react';
import {
  DeploymentRefreshProvider,
  ServiceSignals,
} from '../../hooks/useDeploymentRefresh';
import { useCurrentVersions } from '../../hooks/useDeployments';

const columns: TableColumn<EnvironmentVersion>[] = [
  { title: 'Service', field: 'service' },
  { title: 'Environment', field: 'environment' },
  { title: 'Version', field: 'version' },
  {
    title: 'Latest deployment',
    field: 'latestStatus',
    render: row => <StatusChip status={row.latestStatus} />,
  },
  {
    title: 'Deployed',
    field: 'deployedAt',
    render: row => formatTime(row.deployedAt),
  },
];

/** The version running in each environment, for one service or all. */
export const CurrentVersionsTable = (props: { service?: string }) => {
  const state = useCurrentVersions(props.service);
  return (
    <AsyncView
      {...state}
      isEmpty={items => items.length === 0}
      emptyTitle="No successful deployment yet"
    >
      {items => (
        <Table<EnvironmentVersion>
          title="Current versions"
          columns={
            props.service ? columns.filter(c => c.field !== 'service') : columns
          }
          data={items}
          options={{ paging: false, search: false, padding: 'dense' }}
        />
      )}
    </AsyncView>
  );
};

/** Entity card: the entity's service version per environment. */
export const EntityCurrentVersionsCard = () => {
  const { entity } = useEntity();
  const service =
    entity.metadata.annotations?.[DEPLOYMENT_SERVICE_ANNOTATION]?.trim();
  return (
    <DeploymentRefreshProvider>
      {service && <ServiceSignals services={[service]} />}
      <InfoCard title="Deployed versions" noPadding>
        <CurrentVersionsTable service={service} />
      </InfoCard>
    </DeploymentRefreshProvider>
  );
};
