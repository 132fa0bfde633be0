import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import TablePagination from '@material-ui/core/TablePagination';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { AsyncView } from '@opshub/opshub-react';
import {
  ClusterProgress,
  MatrixCell,
} from '@opshub/plugin-release-orchestration-common';
import { useState } from 'react';
import { useReleaseMatrix } from '../../hooks/useReleases';
import { ProgressBar } from '../ProgressBar';
import { MatrixGrid, QuickAction } from './MatrixGrid';

/** @internal */
export interface ReleaseMatrixProps {
  releaseId: number;
  clusters: ClusterProgress[];
  /** Bumped by signals and writes; refetches every open cluster. */
  refresh: number;
  customerLink: (customerId: number) => string;
  onOpenStep: (stepId: number) => void;
  onQuickAction: (cell: MatrixCell, action: QuickAction) => void;
  busy?: boolean;
  /** Step ids of the selected cells, for bulk actions. */
  selected?: ReadonlySet<number>;
  onSelect?: (cells: MatrixCell[], selected: boolean) => void;
}

const PAGE_SIZES = [50, 100, 200];

const ClusterMatrix = (
  props: Omit<ReleaseMatrixProps, 'clusters'> & { clusterName: string },
) => {
  const { releaseId, clusterName, refresh, ...grid } = props;
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[1]);
  const state = useReleaseMatrix({
    releaseId,
    cluster: clusterName,
    limit: pageSize,
    offset: page * pageSize,
    refresh,
  });
  return (
    <AsyncView
      {...state}
      isEmpty={matrix => matrix.customers.length === 0}
      emptyTitle={`No customers of ${clusterName} in this release`}
      emptyDescription="Add customers to the release to give them steps."
    >
      {matrix => (
        <Box width="100%">
          <MatrixGrid matrix={matrix} {...grid} />
          {matrix.totalCount > PAGE_SIZES[0] && (
            <TablePagination
              component="div"
              count={matrix.totalCount}
              page={page}
              rowsPerPage={pageSize}
              rowsPerPageOptions={PAGE_SIZES}
              labelRowsPerPage="Customers per page"
              onPageChange={(_event, next) => setPage(next)}
              onRowsPerPageChange={event => {
                setPageSize(Number(event.target.value));
                setPage(0);
              }}
            />
          )}
        </Box>
      )}
    </AsyncView>
  );
};

/**
 * The release matrix: one collapsible section per cluster with its progress
 * bar; an open section loads the steps × customers grid of that cluster.
 *
 * @internal
 */
export const ReleaseMatrix = (props: ReleaseMatrixProps) => {
  const { clusters, ...rest } = props;
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  return (
    <>
      {clusters.map(cluster => {
        const expanded = !collapsed[cluster.clusterName];
        return (
          <Accordion
            key={cluster.clusterId}
            expanded={expanded}
            onChange={() =>
              setCollapsed(c => ({
                ...c,
                [cluster.clusterName]: expanded,
              }))
            }
            TransitionProps={{ unmountOnExit: true }}
          >
            <AccordionSummary
              expandIcon={<ExpandMoreIcon />}
              aria-label={`Cluster ${cluster.clusterName}`}
            >
              <Box display="flex" alignItems="center" width="100%">
                <Box width={260}>
                  <Typography variant="h6">{cluster.clusterName}</Typography>
                  <Typography variant="caption" color="textSecondary">
                    {cluster.customerCount} customers ·{' '}
                    {cluster.progress.done + cluster.progress.skipped}/
                    {cluster.progress.total} steps
                  </Typography>
                </Box>
                <Box flexGrow={1} maxWidth={400}>
                  <ProgressBar
                    progress={cluster.progress}
                    label={cluster.clusterName}
                  />
                </Box>
              </Box>
            </AccordionSummary>
            <AccordionDetails>
              <ClusterMatrix {...rest} clusterName={cluster.clusterName} />
            </AccordionDetails>
          </Accordion>
        );
      })}
    </>
  );
};
