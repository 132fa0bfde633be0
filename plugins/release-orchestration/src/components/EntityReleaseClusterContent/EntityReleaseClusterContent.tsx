import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { RELEASE_CLUSTER_ANNOTATION } from '@opshub/plugin-release-orchestration-common';
import { ClusterCustomersTable } from '../ClusterCustomersTable';

/**
 * Entity tab of a cluster Resource: the customers of the cluster named by
 * `opshub.io/release-cluster`.
 *
 * @internal
 */
export const EntityReleaseClusterContent = () => {
  const { entity } = useEntity();
  const clusterName =
    entity.metadata.annotations?.[RELEASE_CLUSTER_ANNOTATION]?.trim();
  if (!clusterName) {
    return (
      <MissingAnnotationEmptyState annotation={RELEASE_CLUSTER_ANNOTATION} />
    );
  }
  return <ClusterCustomersTable key={clusterName} clusterName={clusterName} />;
};
