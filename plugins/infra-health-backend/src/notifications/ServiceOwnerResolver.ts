import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { HEALTH_SERVICE_ANNOTATION } from '@opshub/plugin-infra-health-common';

/**
 * Finds the catalog entity that stands for a health service, so that its
 * owner is notified.
 *
 * @internal
 */
export interface ServiceOwnerResolver {
  /**
   * The entity ref of the Component annotated
   * `opshub.io/health-service: <service>`, or undefined when there is none
   * (or the catalog cannot be asked).
   */
  entityRefOf(service: string): Promise<string | undefined>;
}

const CACHE_MS = 5 * 60_000;

/**
 * {@link ServiceOwnerResolver} over the catalog's REST API
 * (`GET /entities/by-query`), called with this plugin's service token. The
 * Backstage notifications backend then resolves a Component recipient to
 * its owner. Answers are cached for five minutes.
 *
 * @internal
 */
export class CatalogServiceOwnerResolver implements ServiceOwnerResolver {
  private readonly cache = new Map<
    string,
    { ref: string | undefined; at: number }
  >();

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async entityRefOf(service: string): Promise<string | undefined> {
    const cached = this.cache.get(service);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.ref;
    const { discovery, auth, logger } = this.options;
    try {
      const baseUrl = await discovery.getBaseUrl('catalog');
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'catalog',
      });
      const params = new URLSearchParams({
        filter: `kind=component,metadata.annotations.${HEALTH_SERVICE_ANNOTATION}=${service}`,
        limit: '1',
      });
      for (const field of ['kind', 'metadata.name', 'metadata.namespace']) {
        params.append('fields', field);
      }
      const response = await fetch(`${baseUrl}/entities/by-query?${params}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) {
        throw new Error(`the catalog answered HTTP ${response.status}`);
      }
      const body = (await response.json()) as {
        items?: Array<{
          kind: string;
          metadata: { name: string; namespace?: string };
        }>;
      };
      const entity = body.items?.[0];
      const ref = entity
        ? `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
            entity.metadata.name
          }`.toLocaleLowerCase('en-US')
        : undefined;
      this.cache.set(service, { ref, at: Date.now() });
      return ref;
    } catch (error) {
      logger.warn(
        `Could not find the catalog entity of health service ${service}, notifying everybody: ${
          (error as Error).message
        }`,
      );
      return undefined;
    }
  }
}
