import { InfoCard, StructuredMetadataTable } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { AsyncView } from '@opshub/opshub-react';
import { RELEASE_CLUSTER_ANNOTATION } from '@opshub/plugin-release-orchestration-common';
import { useCluster } from '../../hooks/useClusters';

const ClusterSummary = (props: { clusterName: string }) => {
  const state = useCluster(props.clusterName);
  return (
    <AsyncView {...state} emptyTitle={`No cluster named ${props.clusterName}`}>
      {cluster => (
        <StructuredMetadataTable
          dense
          metadata={{
            Cluster: cluster.name,
            'Display name': cluster.displayName,
            Region: cluster.region ?? '—',
            Customers: `${cluster.customerCount} (${cluster.activeCustomerCount} active)`,
          }}
        />
      )}
    </AsyncView>
  );
};

/**
 * Entity card of a cluster Resource: the cluster named by
 * `opshub.io/release-cluster` and how many customers it has.
 *
 * @internal
 */
export const EntityReleaseClusterCard = () => {
  const { entity } = useEntity();
  const clusterName =
    entity.metadata.annotations?.[RELEASE_CLUSTER_ANNOTATION]?.trim();
  return (
    <InfoCard title="Release cluster">
      {clusterName ? (
        <ClusterSummary clusterName={clusterName} />
      ) : (
        <MissingAnnotationEmptyState annotation={RELEASE_CLUSTER_ANNOTATION} />
      )}
    </InfoCard>
  );
};
