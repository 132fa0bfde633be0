import { Config } from '@backstage/config';
import { readIntegerConfig, readOneOfConfig } from '@opshub/opshub-node';
import {
  EnvironmentTier,
  INSPECTOR_ENVIRONMENT_TIERS,
} from '@opshub/plugin-devops-inspector-common';

/**
 * One entry of `devopsInspector.environments`, with defaults applied.
 *
 * @internal
 */
export interface InspectorEnvironmentConfig {
  name: string;
  label: string;
  tier: EnvironmentTier;
  /** Secret: never log it nor return it. */
  connection: string;
  statementTimeoutMs: number;
  poolSize: number;
  /**
   * Secret: a role on this database allowed to set up `postgres_fdw` for
   * the data check. Never log it nor return it.
   */
  fdwAdminConnection?: string;
}

/**
 * `devopsInspector.dataCheck`, with defaults applied.
 *
 * @internal
 */
export interface DataCheckConfig {
  enabled: boolean;
  fdwEnabled: boolean;
}

/**
 * Reads `devopsInspector.dataCheck`: everything is off unless configured.
 *
 * @internal
 */
export function readDataCheckConfig(config: Config): DataCheckConfig {
  return {
    enabled:
      config.getOptionalBoolean('devopsInspector.dataCheck.enabled') ?? false,
    fdwEnabled:
      config.getOptionalBoolean('devopsInspector.dataCheck.fdw.enabled') ??
      false,
  };
}

/** @internal */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5000;
/** @internal */
export const DEFAULT_POOL_SIZE = 2;

/** Names are URL path segments and permission resource refs. */
const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * Reads `devopsInspector.environments`, in the order they are configured.
 * Error messages name keys only, never the connection string.
 *
 * @internal
 */
export function readInspectorEnvironments(
  config: Config,
): InspectorEnvironmentConfig[] {
  const environments = config.getOptionalConfig('devopsInspector.environments');
  if (!environments) {
    return [];
  }
  return environments.keys().map(name => {
    const key = `devopsInspector.environments.${name}`;
    if (!ENVIRONMENT_NAME.test(name)) {
      throw new Error(
        `Invalid environment name at ${key}: use letters, digits, '-' and '_' (at most 63)`,
      );
    }
    const env = environments.getConfig(name);
    const tier = readOneOfConfig(env, 'tier', INSPECTOR_ENVIRONMENT_TIERS, {
      at: key,
    });
    const fdwAdminConnection = env.getOptionalString('fdwAdminConnection');
    return {
      name,
      label: env.getString('label'),
      tier,
      connection: env.getString('connection'),
      statementTimeoutMs: readIntegerConfig(env, 'statementTimeoutMs', {
        at: key,
        defaultValue: DEFAULT_STATEMENT_TIMEOUT_MS,
        min: 1,
        max: 600_000,
      }),
      poolSize: readIntegerConfig(env, 'poolSize', {
        at: key,
        defaultValue: DEFAULT_POOL_SIZE,
        min: 1,
        max: 50,
      }),
      ...(fdwAdminConnection ? { fdwAdminConnection } : {}),
    };
  });
}
