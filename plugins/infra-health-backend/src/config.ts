import { Config } from '@backstage/config';
import { MaintenanceWindow } from '@opshub/plugin-infra-health-common';
import { readIntegerConfig } from '@opshub/opshub-node';
import { z } from 'zod';
import { HealthCheckDefinition } from './database/HealthStore';
import {
  checkInputSchema,
  maintenanceWindowsSchema,
  toDefinition,
} from './service/checkInput';

/**
 * The `infraHealth` configuration with every default applied.
 *
 * @internal
 */
export interface InfraHealthConfig {
  checks: HealthCheckDefinition[];
  sampleRetentionDays: number;
  /** Windows during which no check's status change is announced. */
  maintenanceWindows: MaintenanceWindow[];
}

function describeIssues(at: string, error: z.ZodError): string {
  return error.issues
    .map(
      issue =>
        `Invalid config at ${[at, ...issue.path].reduce((path, key) =>
          typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`,
        )}: ${issue.message}`,
    )
    .join('; ');
}

const NUMERIC_KEYS = [
  'port',
  'expectedStatus',
  'intervalSeconds',
  'timeoutMs',
  'degradedLatencyMs',
  'failureThreshold',
  'successThreshold',
  'warnDays',
];

/**
 * Config substitution (`port: ${PORT}`) gives strings; numeric keys holding
 * a whole number as a string are read as that number, as `config.getNumber`
 * does.
 */
function numbersFromStrings(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as object) };
  for (const key of NUMERIC_KEYS) {
    const raw = copy[key];
    if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) {
      copy[key] = Number(raw);
    }
  }
  return copy;
}

/**
 * Reads and validates `infraHealth` once at startup, with the same schema as
 * `POST /checks`. Throws on invalid values (naming the key, never the value)
 * and duplicate names.
 *
 * @internal
 */
export function readInfraHealthConfig(config: Config): InfraHealthConfig {
  const names = new Set<string>();
  const checks = (
    config.getOptionalConfigArray('infraHealth.checks') ?? []
  ).map((check, index) => {
    const at = `infraHealth.checks[${index}]`;
    const parsed = checkInputSchema.safeParse(numbersFromStrings(check.get()));
    if (!parsed.success) {
      throw new Error(describeIssues(at, parsed.error));
    }
    const definition = toDefinition(parsed.data);
    if (names.has(definition.name)) {
      throw new Error(
        `Invalid infraHealth config: duplicate check name '${definition.name}'`,
      );
    }
    names.add(definition.name);
    return definition;
  });
  const windows = maintenanceWindowsSchema.safeParse(
    config.getOptional('infraHealth.maintenanceWindows') ?? [],
  );
  if (!windows.success) {
    throw new Error(
      describeIssues('infraHealth.maintenanceWindows', windows.error),
    );
  }
  return {
    checks,
    sampleRetentionDays: readIntegerConfig(
      config,
      'infraHealth.sampleRetentionDays',
      { defaultValue: 7, min: 1, max: 3650 },
    ),
    maintenanceWindows: windows.data as MaintenanceWindow[],
  };
}
