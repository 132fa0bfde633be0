import { stringifyEntityRef } from '@backstage/catalog-model';
import { Link, Table, TableColumn } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { AsyncView, StatusChip } from '@opshub/opshub-react';
import {
  RELEASE_COMPONENT_ANNOTATION,
  ReleaseDetail,
} from '@opshub/plugin-release-orchestration-common';
import { useEntityReleases } from '../../hooks/useInFlight';
import { usePaths } from '../paths';
import { ProgressBar } from '../ProgressBar';

/**
 * Entity tab of a Component or System (`opshub.io/release-component`): the
 * releases that ship it, with their progress.
 *
 * @internal
 */
export const EntityReleasesContent = () => {
  const { entity } = useEntity();
  const paths = usePaths();
  const annotation =
    entity.metadata.annotations?.[RELEASE_COMPONENT_ANNOTATION]?.trim();
  const entityRef = stringifyEntityRef(entity);
  const state = useEntityReleases(annotation ? entityRef : undefined);
  if (!annotation) {
    return (
      <MissingAnnotationEmptyState annotation={RELEASE_COMPONENT_ANNOTATION} />
    );
  }
  const columns: TableColumn<ReleaseDetail>[] = [
    {
      title: 'Release',
      field: 'name',
      render: r => <Link to={paths.release(r.id)}>{r.name}</Link>,
    },
    { title: 'Type', field: 'type' },
    {
      title: 'Status',
      field: 'status',
      render: r => <StatusChip status={r.status} />,
    },
    { title: 'Version', render: r => r.versionNumber ?? '—' },
    { title: 'Release date', render: r => r.releaseDate ?? '—' },
    { title: 'Customers', field: 'customerCount', type: 'numeric' },
    {
      title: 'Progress',
      width: '240px',
      render: r => <ProgressBar progress={r.progress} label={r.name} />,
    },
  ];
  return (
    <AsyncView
      {...state}
      isEmpty={items => items.length === 0}
      emptyTitle={`No releases ship ${entityRef} yet`}
      emptyDescription={`Releases whose catalog entity is ${entityRef} appear here.`}
    >
      {items => (
        <Table<ReleaseDetail>
          title={`Releases of ${annotation}`}
          columns={columns}
          data={items}
          options={{ paging: false, search: false, padding: 'dense' }}
        />
      )}
    </AsyncView>
  );
};
