import { ReactNode } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';

/** @public */
export interface AsyncViewProps<T> {
  loading: boolean;
  error?: Error;
  value?: T;
  /** When true for the loaded value, the empty state is shown instead. */
  isEmpty?: (value: T) => boolean;
  emptyTitle: string;
  emptyDescription?: string | JSX.Element;
  children: (value: T) => ReactNode;
}

/**
 * Renders the loading, error, empty and data states of one request the same
 * way in every OpsHub page, tab and card.
 *
 * @public
 */
export function AsyncView<T>(props: AsyncViewProps<T>) {
  const { loading, error, value, isEmpty, emptyTitle, emptyDescription } =
    props;
  if (loading && value === undefined) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (value === undefined || (isEmpty && isEmpty(value))) {
    return (
      <EmptyState
        missing="data"
        title={emptyTitle}
        description={emptyDescription}
      />
    );
  }
  return <>{props.children(value)}</>;
}
