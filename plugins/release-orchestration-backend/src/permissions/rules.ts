import type { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CLUSTER_RESOURCE_TYPE,
  EntityOwnerParams,
  IS_ENTITY_OWNER_RULE,
  RELEASE_ORCHESTRATION_PLUGIN_ID,
  RELEASE_RESOURCE_TYPE,
} from '@opshub/plugin-release-orchestration-common';
import { CatalogRefRow, ReleaseStore } from '../database/ReleaseStore';

/**
 * What a permission policy sees of a release or cluster: its resource ref,
 * its catalog entity and the owners of that entity (full, lower-case entity
 * refs). No catalog entity, or one the catalog does not know: no owners.
 *
 * @internal
 */
export interface OwnedResource {
  resourceRef: string;
  catalogEntityRef: string | null;
  owners: string[];
}

/** @internal */
export type OwnedResourceQuery = EntityOwnerParams;

/** Releases; the resource ref is the release id. @internal */
export const releaseResourceRef = createPermissionResourceRef<
  OwnedResource,
  OwnedResourceQuery
>().with({
  pluginId: RELEASE_ORCHESTRATION_PLUGIN_ID,
  resourceType: RELEASE_RESOURCE_TYPE,
});

/** Clusters; the resource ref is the cluster name. @internal */
export const clusterResourceRef = createPermissionResourceRef<
  OwnedResource,
  OwnedResourceQuery
>().with({
  pluginId: RELEASE_ORCHESTRATION_PLUGIN_ID,
  resourceType: CLUSTER_RESOURCE_TYPE,
});

const claimsJsonSchema = {
  type: 'object',
  properties: {
    claims: {
      type: 'array',
      items: { type: 'string' },
      description:
        'Entity refs of the user and their groups, for example the ownershipEntityRefs of the signed-in user',
    },
  },
  required: ['claims'],
  additionalProperties: false,
};

const claimsSchema = {
  '~standard': {
    version: 1 as const,
    vendor: 'opshub',
    validate(value: unknown) {
      const claims = (value as { claims?: unknown } | undefined)?.claims;
      return Array.isArray(claims) && claims.every(c => typeof c === 'string')
        ? { value: { claims: claims as string[] } }
        : {
            issues: [
              {
                message: 'claims must be a list of entity refs',
                path: ['claims'],
              },
            ],
          };
    },
    jsonSchema: {
      input: () => claimsJsonSchema,
      output: () => claimsJsonSchema,
    },
  },
};

function isOwnedBy(resource: OwnedResource, { claims }: EntityOwnerParams) {
  const wanted = new Set(claims.map(c => c.toLocaleLowerCase('en-US')));
  return resource.owners.some(owner => wanted.has(owner));
}

/**
 * Releases whose catalog entity is owned by one of `claims`.
 *
 * @internal
 */
export const isReleaseEntityOwner = createPermissionRule<
  typeof releaseResourceRef,
  EntityOwnerParams
>({
  name: IS_ENTITY_OWNER_RULE,
  description:
    'Allow releases whose catalog entity is owned by one of the given entity refs',
  resourceRef: releaseResourceRef,
  paramsSchema: claimsSchema,
  apply: isOwnedBy,
  toQuery: ({ claims }) => ({ claims }),
});

/**
 * Clusters whose catalog entity is owned by one of `claims`.
 *
 * @internal
 */
export const isClusterEntityOwner = createPermissionRule<
  typeof clusterResourceRef,
  EntityOwnerParams
>({
  name: IS_ENTITY_OWNER_RULE,
  description:
    'Allow clusters whose catalog entity is owned by one of the given entity refs',
  resourceRef: clusterResourceRef,
  paramsSchema: claimsSchema,
  apply: isOwnedBy,
  toQuery: ({ claims }) => ({ claims }),
});

/**
 * The owners of an entity as full, lower-case entity refs: `spec.owner`
 * (a group unless it names its kind, in the entity's namespace unless it
 * names one) and the targets of its `ownedBy` relations.
 *
 * @internal
 */
export function ownersOf(entity: Entity): string[] {
  const owners = new Set<string>();
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner === 'string' && owner.trim()) {
    try {
      owners.add(
        stringifyEntityRef(
          parseEntityRef(owner.trim(), {
            defaultKind: 'group',
            defaultNamespace: entity.metadata.namespace ?? 'default',
          }),
        ).toLocaleLowerCase('en-US'),
      );
    } catch {
      // a malformed owner names nobody
    }
  }
  for (const relation of entity.relations ?? []) {
    if (relation.type === RELATION_OWNED_BY) {
      owners.add(relation.targetRef.toLocaleLowerCase('en-US'));
    }
  }
  return [...owners];
}

/** Largest id PostgreSQL's integer holds. */
const MAX_ID = 2_147_483_647;

/**
 * Loads releases and clusters for permission rules, with the owners of their
 * catalog entities: one store query and one catalog query per batch, since
 * rules apply synchronously.
 *
 * @internal
 */
export class OwnedResourceLoader {
  readonly #store: ReleaseStore;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;

  constructor(options: {
    store: ReleaseStore;
    catalog: CatalogService;
    auth: AuthService;
  }) {
    this.#store = options.store;
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  async releases(refs: string[]): Promise<Array<OwnedResource | undefined>> {
    const ids = refs.map(ref => {
      const id = /^[1-9]\d{0,9}$/.test(ref) ? Number(ref) : NaN;
      return id <= MAX_ID ? id : undefined;
    });
    const rows = await this.#store.releaseCatalogRefs([
      ...new Set(ids.filter((id): id is number => id !== undefined)),
    ]);
    return this.#withOwners(
      refs,
      ids.map(id => rows.find(row => row.key === id)),
    );
  }

  async clusters(refs: string[]): Promise<Array<OwnedResource | undefined>> {
    const rows = await this.#store.clusterCatalogRefs([...new Set(refs)]);
    return this.#withOwners(
      refs,
      refs.map(ref => rows.find(row => row.key === ref)),
    );
  }

  async #withOwners(
    refs: string[],
    rows: Array<CatalogRefRow<unknown> | undefined>,
  ): Promise<Array<OwnedResource | undefined>> {
    const entityRefs = [
      ...new Set(
        rows.flatMap(row =>
          row?.catalogEntityRef ? [row.catalogEntityRef] : [],
        ),
      ),
    ];
    const owners = new Map<string, string[]>();
    if (entityRefs.length > 0) {
      const { items } = await this.#catalog.getEntitiesByRefs(
        {
          entityRefs,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'spec.owner',
            'relations',
          ],
        },
        { credentials: await this.#auth.getOwnServiceCredentials() },
      );
      items.forEach((entity, i) => {
        if (entity) owners.set(entityRefs[i], ownersOf(entity));
      });
    }
    return rows.map((row, i) =>
      row
        ? {
            resourceRef: refs[i],
            catalogEntityRef: row.catalogEntityRef,
            owners: row.catalogEntityRef
              ? owners.get(row.catalogEntityRef) ?? []
              : [],
          }
        : undefined,
    );
  }
}
