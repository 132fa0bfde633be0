import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { RELEASE_CLUSTER_ANNOTATION } from '@opshub/plugin-release-orchestration-common';
import { ClusterCustomersTable } from '../ClusterCustomersTable';
import { ClusterInFlightTable } from '../ClusterInFlightTable';
import { usePaths } from '../paths';

/**
 * Entity tab of a cluster Resource: the customers of the cluster named by
 * `opshub.io/release-cluster`, and their steps in flight in active releases.
 *
 * @internal
 */
export const EntityReleaseClusterContent = () => {
  const { entity } = useEntity();
  const paths = usePaths();
  const clusterName =
    entity.metadata.annotations?.[RELEASE_CLUSTER_ANNOTATION]?.trim();
  if (!clusterName) {
    return (
      <MissingAnnotationEmptyState annotation={RELEASE_CLUSTER_ANNOTATION} />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ClusterInFlightTable key={clusterName} clusterName={clusterName} />
      </Grid>
      <Grid item xs={12}>
        <ClusterCustomersTable
          key={clusterName}
          clusterName={clusterName}
          customerLink={paths.customer}
        />
      </Grid>
    </Grid>
  );
};
