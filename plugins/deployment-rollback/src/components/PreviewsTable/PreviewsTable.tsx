import { Link, TableColumn } from '@backstage/core-components';
import { Preview } from '@opshub/plugin-deployment-rollback-common';
import {
  formatRelativeTime,
  PagedTable,
  StatusChip,
  usePaging,
} from '@opshub/opshub-react';
import { usePreviews } from '../../hooks/useDeployments';

const stateTone: Record<Preview['state'], string> = {
  pending: 'pending',
  deployed: 'succeeded',
  failed: 'failed',
  closing: 'in_progress',
  closed: 'skipped',
  teardown_failed: 'failed',
};

function columns(showService: boolean): TableColumn<Preview>[] {
  const all: Array<TableColumn<Preview> | false> = [
    showService && { title: 'Service', field: 'service' },
    {
      title: 'Pull request',
      field: 'pullRequest',
      render: row => (
        <Link
          to={`https://github.com/${row.repository}/pull/${row.pullRequest}`}
        >
          #{row.pullRequest}
          {row.title ? ` ${row.title}` : ''}
        </Link>
      ),
    },
    {
      title: 'State',
      field: 'state',
      render: row => (
        <StatusChip
          status={stateTone[row.state]}
          label={row.state.replace('_', ' ')}
        />
      ),
    },
    {
      title: 'URL',
      field: 'url',
      render: row =>
        row.url && row.state === 'deployed' ? (
          <Link to={row.url}>{row.url.replace(/^https?:\/\//, '')}</Link>
        ) : (
          ''
        ),
    },
    {
      title: 'Commit',
      field: 'commitSha',
      render: row => (
        <Link
          to={`https://github.com/${row.repository}/commit/${row.commitSha}`}
        >
          {row.commitSha.slice(0, 7)}
        </Link>
      ),
    },
    { title: 'Branch', field: 'branch' },
    {
      title: 'Age',
      field: 'createdAt',
      render: row => formatRelativeTime(row.createdAt),
    },
    { title: 'Error', field: 'error', render: row => row.error ?? '' },
  ];
  return all.filter((c): c is TableColumn<Preview> => Boolean(c));
}

/**
 * Preview environments per pull request, of one service or of all of
 * them: state, URL, commit and age.
 */
export const PreviewsTable = (props: { service?: string }) => {
  const paging = usePaging(10);
  const state = usePreviews({
    service: props.service,
    limit: paging.limit,
    offset: paging.offset,
  });
  const configured = state.value?.configured ?? true;
  return (
    <PagedTable<Preview>
      state={state}
      paging={paging}
      columns={columns(!props.service)}
      title="Preview environments"
      emptyTitle="No preview environment yet"
      emptyDescription={
        configured
          ? 'A GitHub pull_request webhook (opened, synchronize, reopened) deploys a preview; closing the pull request tears it down.'
          : 'No preview executor is configured: set deploymentRollback.previews.executor (vercel, netlify or generic) and send GitHub pull_request webhooks.'
      }
    />
  );
};
