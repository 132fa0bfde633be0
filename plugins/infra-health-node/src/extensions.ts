import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { LogSource } from './types';

/**
 * Where backend modules give the infra-health backend its log source. The
 * last source set wins; without one, infra-health uses the configured
 * OpenSearch/Elasticsearch source, or shows that logs are not configured.
 *
 * @public
 */
export interface InfraHealthLogSourceExtensionPoint {
  setLogSource(source: LogSource): void;
}

/**
 * The extension point `infra-health.log-source`.
 *
 * @public
 */
export const infraHealthLogSourceExtensionPoint =
  createExtensionPoint<InfraHealthLogSourceExtensionPoint>({
    id: 'infra-health.log-source',
  });
