import { EnvironmentVersion } from '@opshub/plugin-deployment-rollback-common';

/** One service across its environments, with the promotion gaps. */
export interface ServicePromotion {
  service: string;
  /** Version per environment name. */
  versions: Map<string, EnvironmentVersion>;
  /** `2.5.1 in uat, not yet in prod`, keyed by the lagging environment. */
  drift: Map<string, string>;
}

/**
 * Merges the environment orders of every service into one promotion order:
 * an environment a service names is placed before the next one that service
 * names (the server answers each service in promotion order).
 */
export function mergeEnvironmentOrder(items: EnvironmentVersion[]): string[] {
  const perService = new Map<string, string[]>();
  for (const item of items) {
    const list = perService.get(item.service) ?? [];
    list.push(item.environment);
    perService.set(item.service, list);
  }
  const merged: string[] = [];
  for (const list of perService.values()) {
    list.forEach((environment, index) => {
      if (merged.includes(environment)) {
        return;
      }
      const next = list.slice(index + 1).find(e => merged.includes(e));
      if (next === undefined) {
        merged.push(environment);
      } else {
        merged.splice(merged.indexOf(next), 0, environment);
      }
    });
  }
  return merged;
}

/**
 * Groups current versions by service. Drift: a version that runs in one
 * environment and not in the next one of the promotion order.
 */
export function promotionOf(
  items: EnvironmentVersion[],
  environments: string[],
): ServicePromotion[] {
  const services = new Map<string, ServicePromotion>();
  for (const item of items) {
    const entry = services.get(item.service) ?? {
      service: item.service,
      versions: new Map(),
      drift: new Map(),
    };
    entry.versions.set(item.environment, item);
    services.set(item.service, entry);
  }
  for (const entry of services.values()) {
    const present = environments.filter(e => entry.versions.has(e));
    for (let i = 0; i + 1 < present.length; i++) {
      const lower = entry.versions.get(present[i])!;
      const higher = entry.versions.get(present[i + 1])!;
      if (lower.version !== higher.version) {
        entry.drift.set(
          higher.environment,
          `${lower.version} in ${lower.environment}, not yet in ${higher.environment}`,
        );
      }
    }
  }
  return Array.from(services.values()).sort((a, b) =>
    a.service.localeCompare(b.service),
  );
}
