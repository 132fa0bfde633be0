import { Config } from '@backstage/config';
import {
  readHttpUrlConfig,
  readIntegerConfig,
  readOneOfConfig,
} from '@opshub/opshub-node';
import { HealthCheckDefinition } from './database/HealthStore';

/**
 * The `infraHealth` configuration with every default applied.
 *
 * @internal
 */
export interface InfraHealthConfig {
  checks: HealthCheckDefinition[];
  sampleRetentionDays: number;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Reads and validates `infraHealth` once at startup. Throws on invalid
 * values, duplicate names or URLs that are not http(s).
 *
 * @internal
 */
export function readInfraHealthConfig(config: Config): InfraHealthConfig {
  const names = new Set<string>();
  const checks = (
    config.getOptionalConfigArray('infraHealth.checks') ?? []
  ).map((check, index) => {
    const name = check.getString('name').trim();
    const service = check.getString('service').trim();
    if (!name || !service) {
      throw new Error(
        `Invalid infraHealth config: checks[${index}] needs a name and a service`,
      );
    }
    if (names.has(name)) {
      throw new Error(
        `Invalid infraHealth config: duplicate check name '${name}'`,
      );
    }
    names.add(name);
    const at = `infraHealth.checks[${index}]`;
    const url = readHttpUrlConfig(check, 'url', { at });
    const method = readOneOfConfig(check, 'method', METHODS, {
      at,
      defaultValue: 'GET',
      normalize: value => value.toUpperCase(),
    });
    return {
      name,
      service,
      url,
      method,
      expectedStatus: readIntegerConfig(check, 'expectedStatus', {
        at,
        defaultValue: 200,
        min: 100,
        max: 599,
      }),
      intervalSeconds: readIntegerConfig(check, 'intervalSeconds', {
        at,
        defaultValue: 30,
        min: 10,
        max: 86_400,
      }),
      timeoutMs: readIntegerConfig(check, 'timeoutMs', {
        at,
        defaultValue: 5000,
        min: 1,
        max: 60_000,
      }),
      degradedLatencyMs: readIntegerConfig(check, 'degradedLatencyMs', {
        at,
        defaultValue: 1000,
        min: 1,
        max: 600_000,
      }),
    };
  });
  return {
    checks,
    sampleRetentionDays: readIntegerConfig(
      config,
      'infraHealth.sampleRetentionDays',
      { defaultValue: 7, min: 1, max: 3650 },
    ),
  };
}
