import { Table, TableColumn } from '@backstage/core-components';
import Link from '@material-ui/core/Link';
import { AsyncView, Pager, usePaging } from '@opshub/opshub-react';
import { StepEvent } from '@opshub/plugin-release-orchestration-common';
import { useReleaseEvents } from '../../hooks/useReleases';
import { describeEvent } from './describeEvent';

/** @internal */
export interface ReleaseHistoryProps {
  releaseId: number;
  /** Bumped by signals and writes: refetches the page shown. */
  refresh?: number;
  /** The name of a customer of the release, by id. */
  customerName?: (customerId: number) => string | undefined;
  /** Opens a step (its panel); steps that were deleted cannot be opened. */
  onOpenStep?: (stepId: number) => void;
}

/**
 * The history of every step of a release (`GET /releases/:id/events`),
 * newest first, paged on the server.
 *
 * @internal
 */
export const ReleaseHistory = (props: ReleaseHistoryProps) => {
  const { releaseId, refresh, customerName, onOpenStep } = props;
  const paging = usePaging(20);
  const state = useReleaseEvents({
    releaseId,
    limit: paging.limit,
    offset: paging.offset,
    refresh,
  });
  const columns: TableColumn<StepEvent>[] = [
    { title: 'When', render: e => new Date(e.at).toLocaleString() },
    { title: 'Who', field: 'actor' },
    {
      title: 'Customer',
      render: e => customerName?.(e.customerId) ?? `Customer ${e.customerId}`,
    },
    {
      title: 'Step',
      render: e => {
        const { stepId } = e;
        if (stepId === null) {
          return '—';
        }
        return onOpenStep ? (
          <Link
            component="button"
            variant="body2"
            onClick={() => onOpenStep(stepId)}
          >
            Step {stepId}
          </Link>
        ) : (
          `Step ${stepId}`
        );
      },
    },
    { title: 'Change', render: e => describeEvent(e) },
  ];
  return (
    <AsyncView
      {...state}
      isEmpty={page => page.totalCount === 0}
      emptyTitle="No history yet"
      emptyDescription="Every change to a step of this release is listed here, newest first."
    >
      {page => (
        <>
          <Table<StepEvent>
            title={`History (${page.totalCount})`}
            columns={columns}
            data={page.items}
            options={{
              paging: false,
              search: false,
              sorting: false,
              padding: 'dense',
            }}
          />
          <Pager paging={paging} count={page.totalCount} />
        </>
      )}
    </AsyncView>
  );
};
