import { Config } from '@backstage/config';
import {
  readHttpUrlConfig,
  readIntegerConfig,
  readOneOfConfig,
} from '@opshub/opshub-node';
import {
  EnvironmentTier,
  INSPECTOR_ENVIRONMENT_TIERS,
} from '@opshub/plugin-devops-inspector-common';

/**
 * `devopsInspector.current`: this deployment's own name and tier.
 *
 * @internal
 */
export interface CurrentDeployment {
  name: string;
  tier: EnvironmentTier;
}

/**
 * One entry of `devopsInspector.dependencies`, with defaults applied.
 *
 * @internal
 */
export interface HttpDependencyConfig {
  name: string;
  /** Secret: may hold credentials; only its `redactUrl` form is returned. */
  url: string;
  timeoutMs: number;
}

/** @internal */
export const DEFAULT_DEPENDENCY_TIMEOUT_MS = 5000;
/** @internal */
export const DEFAULT_SLOW_THRESHOLD_MS = 1000;

/** The largest timeout or threshold accepted: ten minutes. */
const MAX_MS = 600_000;

/** @internal */
export function readCurrentDeployment(
  config: Config,
): CurrentDeployment | null {
  const current = config.getOptionalConfig('devopsInspector.current');
  if (!current) {
    return null;
  }
  return {
    name: current.getString('name'),
    tier: readOneOfConfig(current, 'tier', INSPECTOR_ENVIRONMENT_TIERS, {
      at: 'devopsInspector.current',
    }),
  };
}

/**
 * Reads `devopsInspector.dependencies`. Error messages name keys only, never
 * the URL.
 *
 * @internal
 */
export function readHttpDependencies(config: Config): HttpDependencyConfig[] {
  const list = config.getOptionalConfigArray('devopsInspector.dependencies');
  return (list ?? []).map((dep, index) => {
    const key = `devopsInspector.dependencies[${index}]`;
    return {
      name: dep.getString('name'),
      url: readHttpUrlConfig(dep, 'url', { at: key }),
      timeoutMs: readIntegerConfig(dep, 'timeoutMs', {
        at: key,
        defaultValue: DEFAULT_DEPENDENCY_TIMEOUT_MS,
        min: 1,
        max: MAX_MS,
      }),
    };
  });
}

/** @internal */
export function readSlowThresholdMs(config: Config): number {
  return readIntegerConfig(config, 'devopsInspector.slowThresholdMs', {
    defaultValue: DEFAULT_SLOW_THRESHOLD_MS,
    min: 1,
    max: MAX_MS,
  });
}
