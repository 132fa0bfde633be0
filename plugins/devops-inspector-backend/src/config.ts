import { Config } from '@backstage/config';
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

function isTier(value: string): value is EnvironmentTier {
  return (INSPECTOR_ENVIRONMENT_TIERS as readonly string[]).includes(value);
}

function positiveInteger(
  value: number | undefined,
  fallback: number,
  key: string,
  max: number,
): number {
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(
      `Invalid config at ${key}: expected an integer from 1 to ${max}`,
    );
  }
  return value;
}

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
    const tier = env.getString('tier');
    if (!isTier(tier)) {
      throw new Error(
        `Invalid config at ${key}.tier: expected one of ${INSPECTOR_ENVIRONMENT_TIERS.join(
          ', ',
        )}`,
      );
    }
    const fdwAdminConnection = env.getOptionalString('fdwAdminConnection');
    return {
      name,
      label: env.getString('label'),
      tier,
      connection: env.getString('connection'),
      statementTimeoutMs: positiveInteger(
        env.getOptionalNumber('statementTimeoutMs'),
        DEFAULT_STATEMENT_TIMEOUT_MS,
        `${key}.statementTimeoutMs`,
        600_000,
      ),
      poolSize: positiveInteger(
        env.getOptionalNumber('poolSize'),
        DEFAULT_POOL_SIZE,
        `${key}.poolSize`,
        50,
      ),
      ...(fdwAdminConnection ? { fdwAdminConnection } : {}),
    };
  });
}
