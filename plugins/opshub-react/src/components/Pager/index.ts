export { Pager, usePaging } from './Pager';
export type { PagerProps, PagingState } from './Pager';
