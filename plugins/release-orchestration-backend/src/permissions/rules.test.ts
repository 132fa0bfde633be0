import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  clusterConditions,
  createReleaseConditionalDecision,
  releaseConditions,
  releaseUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { createTestDatabases } from '@opshub/opshub-node/testUtils';
import { DatabaseReleaseStore } from '../database/DatabaseReleaseStore';
import {
  isClusterEntityOwner,
  isReleaseEntityOwner,
  OwnedResourceLoader,
  ownersOf,
} from './rules';

jest.setTimeout(60_000);

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: { owner: 'payments-team' },
  relations: [{ type: 'ownedBy', targetRef: 'user:default/Olga' }],
};
const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'cluster-eu', namespace: 'ops' },
  spec: { owner: 'user:olga' },
};

describe('ownersOf', () => {
  it('normalizes spec.owner and adds ownedBy relations, lower case', () => {
    expect(ownersOf(payments).sort()).toEqual([
      'group:default/payments-team',
      'user:default/olga',
    ]);
    expect(ownersOf(cluster)).toEqual(['user:ops/olga']);
    expect(ownersOf({ ...cluster, spec: { owner: 'user:' } })).toEqual([]);
    expect(ownersOf({ ...cluster, spec: { owner: 42 } })).toEqual([]);
    expect(ownersOf({ ...cluster, spec: {} })).toEqual([]);
  });
});

describe('IS_ENTITY_OWNER', () => {
  const resource = {
    resourceRef: '1',
    catalogEntityRef: 'component:default/payments-api',
    owners: ['group:default/payments-team'],
  };
  it('matches when a claim owns the entity, case-insensitively', () => {
    expect(
      isReleaseEntityOwner.apply(resource, {
        claims: ['user:default/x', 'group:default/Payments-Team'],
      }),
    ).toBe(true);
    expect(
      isClusterEntityOwner.apply(resource, { claims: ['group:default/x'] }),
    ).toBe(false);
    expect(
      isReleaseEntityOwner.apply(
        { resourceRef: '2', catalogEntityRef: null, owners: [] },
        { claims: ['group:default/payments-team'] },
      ),
    ).toBe(false);
  });

  it('validates the params policies build from the common package', async () => {
    const decision = createReleaseConditionalDecision(
      releaseUpdatePermission,
      releaseConditions.isEntityOwner({ claims: ['user:default/olga'] }),
    );
    const condition = decision.conditions as unknown as {
      rule: string;
      params: { claims: string[] };
    };
    expect(condition.rule).toBe(isReleaseEntityOwner.name);
    const schema = isReleaseEntityOwner.paramsSchema!['~standard'];
    expect(await schema.validate(condition.params)).toEqual({
      value: { claims: ['user:default/olga'] },
    });
    expect(
      await schema.validate(
        clusterConditions.isEntityOwner({ claims: [1 as unknown as string] })
          .params,
      ),
    ).toHaveProperty('issues');
  });
});

const { ids, init } = createTestDatabases();

describe.each(ids)('OwnedResourceLoader on %s', databaseId => {
  it('loads releases and clusters with the owners of their entities in bulk', async () => {
    const knex = await init(databaseId);
    const store = await DatabaseReleaseStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({ entities: [payments, cluster] });
    const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const loader = new OwnedResourceLoader({
      store,
      catalog,
      auth: mockServices.auth(),
    });
    const fields = {
      type: 'release' as const,
      versionNumber: null,
      releaseDate: null,
      description: null,
      metadata: {},
    };
    const owned = await store.createRelease(
      {
        ...fields,
        name: 'owned',
        catalogEntityRef: 'component:default/payments-api',
      },
      'user:default/ada',
    );
    const orphan = await store.createRelease(
      { ...fields, name: 'orphan', catalogEntityRef: null },
      'user:default/ada',
    );
    const unknownEntity = await store.createRelease(
      {
        ...fields,
        name: 'unknown entity',
        catalogEntityRef: 'component:default/gone',
      },
      'user:default/ada',
    );
    const clusterFields = {
      description: null,
      region: null,
      kubeconfigPath: null,
      metadata: {},
    };
    await store.createCluster('eu', {
      ...clusterFields,
      displayName: 'EU',
      catalogEntityRef: 'resource:ops/cluster-eu',
    });
    await store.createCluster('us', {
      ...clusterFields,
      displayName: 'US',
      catalogEntityRef: null,
    });

    const releases = await loader.releases([
      String(owned),
      String(orphan),
      String(unknownEntity),
      '99999999999999999999',
      ' (none)',
      '0',
    ]);
    expect(releases).toEqual([
      {
        resourceRef: String(owned),
        catalogEntityRef: 'component:default/payments-api',
        owners: ['group:default/payments-team', 'user:default/olga'],
      },
      { resourceRef: String(orphan), catalogEntityRef: null, owners: [] },
      {
        resourceRef: String(unknownEntity),
        catalogEntityRef: 'component:default/gone',
        owners: [],
      },
      undefined,
      undefined,
      undefined,
    ]);
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);

    expect(await loader.clusters(['eu', 'us', 'nowhere'])).toEqual([
      {
        resourceRef: 'eu',
        catalogEntityRef: 'resource:ops/cluster-eu',
        owners: ['user:ops/olga'],
      },
      { resourceRef: 'us', catalogEntityRef: null, owners: [] },
      undefined,
    ]);
  });
});
