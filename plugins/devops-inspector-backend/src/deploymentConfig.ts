import { Config } from '@backstage/config';
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
  /** Secret: may hold credentials; only {@link publicUrl} of it is returned. */
  url: string;
  timeoutMs: number;
}

/** @internal */
export const DEFAULT_DEPENDENCY_TIMEOUT_MS = 5000;
/** @internal */
export const DEFAULT_SLOW_THRESHOLD_MS = 1000;

function tierAt(config: Config, key: string): EnvironmentTier {
  const tier = config.getString(key);
  if (!(INSPECTOR_ENVIRONMENT_TIERS as readonly string[]).includes(tier)) {
    throw new Error(
      `Invalid config at devopsInspector.${key}: expected one of ${INSPECTOR_ENVIRONMENT_TIERS.join(
        ', ',
      )}`,
    );
  }
  return tier as EnvironmentTier;
}

function positiveInteger(value: number | undefined, key: string): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    throw new Error(`Invalid config at ${key}: expected a positive integer`);
  }
}

/** @internal */
export function readCurrentDeployment(
  config: Config,
): CurrentDeployment | null {
  const current = config.getOptionalConfig('devopsInspector.current');
  if (!current) {
    return null;
  }
  return { name: current.getString('name'), tier: tierAt(current, 'tier') };
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
    const url = dep.getString('url');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`Invalid config at ${key}.url: not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`Invalid config at ${key}.url: expected http or https`);
    }
    const timeoutMs = dep.getOptionalNumber('timeoutMs');
    positiveInteger(timeoutMs, `${key}.timeoutMs`);
    return {
      name: dep.getString('name'),
      url,
      timeoutMs: timeoutMs ?? DEFAULT_DEPENDENCY_TIMEOUT_MS,
    };
  });
}

/** @internal */
export function readSlowThresholdMs(config: Config): number {
  const value = config.getOptionalNumber('devopsInspector.slowThresholdMs');
  positiveInteger(value, 'devopsInspector.slowThresholdMs');
  return value ?? DEFAULT_SLOW_THRESHOLD_MS;
}

/**
 * The URL without user info, query string nor fragment: safe to return.
 *
 * @internal
 */
export function publicUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
