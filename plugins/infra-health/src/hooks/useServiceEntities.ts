import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { HEALTH_SERVICE_ANNOTATION } from '@opshub/plugin-infra-health-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * What the catalog says about a health service: the system and owner of the
 * entities that carry `opshub.io/health-service: <service>`.
 *
 * @internal
 */
export interface ServiceEntityInfo {
  entityRefs: string[];
  systems: string[];
  owners: string[];
}

/**
 * The catalog entities with `opshub.io/health-service`, by service. A
 * catalog that fails gives an error and no filters; the grid still loads.
 *
 * @internal
 */
export function useServiceEntities(enabled = true) {
  // optional: an app without the catalog still shows the grid, unfiltered
  const catalogApi = useApiHolder().get(catalogApiRef);
  return useAsync(async () => {
    const byService = new Map<string, ServiceEntityInfo>();
    if (!enabled || !catalogApi) return byService;
    const { items } = await catalogApi.getEntities({
      filter: {
        [`metadata.annotations.${HEALTH_SERVICE_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: ['kind', 'metadata', 'spec.system', 'spec.owner'],
    });
    for (const entity of items) {
      const service =
        entity.metadata.annotations?.[HEALTH_SERVICE_ANNOTATION]?.trim();
      if (!service) continue;
      const info = byService.get(service) ?? {
        entityRefs: [],
        systems: [],
        owners: [],
      };
      info.entityRefs.push(stringifyEntityRef(entity));
      const spec = (entity.spec ?? {}) as { system?: unknown; owner?: unknown };
      if (
        typeof spec.system === 'string' &&
        !info.systems.includes(spec.system)
      ) {
        info.systems.push(spec.system);
      }
      if (typeof spec.owner === 'string' && !info.owners.includes(spec.owner)) {
        info.owners.push(spec.owner);
      }
      byService.set(service, info);
    }
    return byService;
  }, [catalogApi, enabled]);
}
