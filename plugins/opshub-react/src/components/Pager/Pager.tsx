import TablePagination from '@material-ui/core/TablePagination';
import { useState } from 'react';

/**
 * Paging state for a server-paged list: the page and its size, and the
 * `limit`/`offset` to send to an OpsHub list route.
 *
 * @public
 */
export interface PagingState {
  page: number;
  pageSize: number;
  limit: number;
  offset: number;
  setPage(page: number): void;
  /** Changes the page size and goes back to the first page. */
  setPageSize(size: number): void;
}

/** @public */
export function usePaging(initialPageSize = 20): PagingState {
  const [page, setPage] = useState(0);
  const [pageSize, setSize] = useState(initialPageSize);
  return {
    page,
    pageSize,
    limit: pageSize,
    offset: page * pageSize,
    setPage,
    setPageSize(size: number) {
      setSize(size);
      setPage(0);
    },
  };
}

/** @public */
export interface PagerProps {
  paging: PagingState;
  /** Total number of items on the server. */
  count: number;
  pageSizes?: number[];
}

/**
 * The page controls under a server-paged table.
 *
 * @public
 */
export function Pager(props: PagerProps) {
  const { paging, count, pageSizes = [10, 20, 50, 100] } = props;
  return (
    <TablePagination
      component="div"
      count={count}
      page={paging.page}
      rowsPerPage={paging.pageSize}
      rowsPerPageOptions={pageSizes}
      onPageChange={(_event, next) => paging.setPage(next)}
      onRowsPerPageChange={event =>
        paging.setPageSize(Number(event.target.value))
      }
    />
  );
}
