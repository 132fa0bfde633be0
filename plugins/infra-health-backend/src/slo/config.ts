import { Config } from '@backstage/config';
import { SloDefinition } from '@opshub/plugin-infra-health-common';
import { readHttpUrlConfig, readIntegerConfig } from '@opshub/opshub-node';
import { sloDefinitionSchema } from './schema';

/**
 * `infraHealth.prometheus` with its defaults; undefined when no baseUrl is
 * set.
 *
 * @internal
 */
export interface PrometheusConfig {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
}

/**
 * Reads `infraHealth.slos` and `infraHealth.prometheus`. Throws on an invalid
 * SLO (naming it and the field) or a duplicate name.
 *
 * @internal
 */
export function readSloConfig(config: Config): {
  slos: SloDefinition[];
  prometheus?: PrometheusConfig;
} {
  const names = new Set<string>();
  const slos = (config.getOptionalConfigArray('infraHealth.slos') ?? []).map(
    (slo, index) => {
      const parsed = sloDefinitionSchema.safeParse(slo.get());
      if (!parsed.success) {
        throw new Error(
          `Invalid config at infraHealth.slos[${index}]: ${parsed.error.issues
            .map(issue =>
              issue.path.length
                ? `${issue.path.join('.')}: ${issue.message}`
                : issue.message,
            )
            .join('; ')}`,
        );
      }
      if (names.has(parsed.data.name)) {
        throw new Error(
          `Invalid infraHealth config: duplicate SLO name '${parsed.data.name}'`,
        );
      }
      names.add(parsed.data.name);
      return parsed.data;
    },
  );
  const prometheus = config.getOptionalConfig('infraHealth.prometheus');
  if (!prometheus?.getOptionalString('baseUrl')) return { slos };
  const at = 'infraHealth.prometheus';
  return {
    slos,
    prometheus: {
      baseUrl: readHttpUrlConfig(prometheus, 'baseUrl', { at }),
      token: prometheus.getOptionalString('token') || undefined,
      timeoutMs: readIntegerConfig(prometheus, 'timeoutMs', {
        at,
        defaultValue: 10_000,
        min: 100,
        max: 120_000,
      }),
    },
  };
}
