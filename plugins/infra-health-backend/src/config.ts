import { Config } from '@backstage/config';
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

function integer(
  config: Config,
  key: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `Invalid infraHealth config: ${key} must be an integer from ${min} to ${max}, got ${value}`,
    );
  }
  return value;
}

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
    const url = check.getString('url');
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      protocol = '';
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      // the URL itself is not echoed: it may contain credentials
      throw new Error(
        `Invalid infraHealth config: check '${name}' needs an http(s) url`,
      );
    }
    const method = (check.getOptionalString('method') ?? 'GET').toUpperCase();
    if (!METHODS.includes(method)) {
      throw new Error(
        `Invalid infraHealth config: check '${name}' has unsupported method ${method}`,
      );
    }
    return {
      name,
      service,
      url,
      method,
      expectedStatus: integer(check, 'expectedStatus', 200, 100, 599),
      intervalSeconds: integer(check, 'intervalSeconds', 30, 10, 86_400),
      timeoutMs: integer(check, 'timeoutMs', 5000, 1, 60_000),
      degradedLatencyMs: integer(check, 'degradedLatencyMs', 1000, 1, 600_000),
    };
  });
  return {
    checks,
    sampleRetentionDays: integer(
      config,
      'infraHealth.sampleRetentionDays',
      7,
      1,
      3650,
    ),
  };
}
