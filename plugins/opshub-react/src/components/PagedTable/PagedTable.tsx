import { Table, TableColumn } from '@backstage/core-components';
import { Page } from '@opshub/opshub-common';
import { AsyncView } from '../AsyncView';
import { Pager, PagingState } from '../Pager';

/** @public */
export interface PagedTableProps<T extends object> {
  /** The request for the current page, as `useAsync`/`useAsyncRetry` give it. */
  state: { loading: boolean; error?: Error; value?: Page<T> };
  /** From `usePaging`; its `limit` and `offset` made the request. */
  paging: PagingState;
  columns: TableColumn<T>[];
  /** The table title; the total count is appended: `Activity (42)`. */
  title: string;
  emptyTitle: string;
  emptyDescription?: string | JSX.Element;
  onRowClick?: (row: T) => void;
  pageSizes?: number[];
}

/**
 * One server-paged list as every OpsHub page shows it: a progress bar while
 * the first page loads, the error panel, the empty state when there is
 * nothing at all, else a dense table of the page with the page controls
 * under it. The previous page stays visible while the next one loads.
 *
 * @public
 */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const { state, paging, columns, title, onRowClick, pageSizes } = props;
  return (
    <AsyncView
      loading={state.loading}
      error={state.error}
      value={state.value}
      isEmpty={page => page.totalCount === 0}
      emptyTitle={props.emptyTitle}
      emptyDescription={props.emptyDescription}
    >
      {page => (
        <>
          <Table<T>
            title={`${title} (${page.totalCount})`}
            columns={columns}
            data={page.items}
            isLoading={state.loading}
            options={{ paging: false, search: false, padding: 'dense' }}
            onRowClick={
              onRowClick ? (_event, row) => row && onRowClick(row) : undefined
            }
          />
          <Pager
            paging={paging}
            count={page.totalCount}
            pageSizes={pageSizes}
          />
        </>
      )}
    </AsyncView>
  );
}
