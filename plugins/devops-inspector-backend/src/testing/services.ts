import { DevopsInspectorServices } from '../service/services';

/** A service a router test does not exercise: every call fails loudly. */
function unused<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      if (property === 'then') {
        return undefined;
      }
      if (property === 'enabled') {
        return false;
      }
      return () => {
        throw new Error(`${name}.${String(property)} is not part of this test`);
      };
    },
  });
}

/**
 * All the services `createRouter` requires: the given ones, and for the
 * others a stand-in whose every call throws (so a route that reaches one
 * answers 500 and fails the test). `dataCheck` stands in as disabled.
 */
export function servicesWith(
  given: Partial<DevopsInspectorServices>,
): DevopsInspectorServices {
  return {
    inspector: given.inspector ?? unused('inspector'),
    environmentInfo: given.environmentInfo ?? unused('environmentInfo'),
    status: given.status ?? unused('status'),
    tableDetails: given.tableDetails ?? unused('tableDetails'),
    configStatus: given.configStatus ?? unused('configStatus'),
    compare: given.compare ?? unused('compare'),
    compareJobs: given.compareJobs ?? unused('compareJobs'),
    snapshots: given.snapshots ?? unused('snapshots'),
    drift: given.drift ?? unused('drift'),
    dataCheck: given.dataCheck ?? unused('dataCheck'),
    processMetrics: given.processMetrics ?? unused('processMetrics'),
    quickActions: given.quickActions ?? unused('quickActions'),
  };
}
