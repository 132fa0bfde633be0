import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readDataCheckConfig } from '../config';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { ActivityStore } from '../database/ActivityStore';
import { CompareJobStore } from '../database/CompareJobStore';
import { SnapshotStore } from '../database/SnapshotStore';
import { EnvironmentDatabases } from '../database/EnvironmentDatabases';
import { ReadOnlyPostgres } from '../database/ReadOnlyPostgres';
import {
  readCurrentDeployment,
  readHttpDependencies,
  readSlowThresholdMs,
} from '../deploymentConfig';
import { InspectorEnvironmentConfig } from '../config';
import { ConfigStatusService, ConfigStatusSource } from './ConfigStatusService';
import { DataCheckService, DataCheckSource } from './DataCheckService';
import {
  EnvironmentInfoService,
  EnvironmentInfoSource,
} from './EnvironmentInfoService';
import { InspectorService } from './InspectorService';
import { CompareJobService } from './CompareJobService';
import { DriftService } from './DriftService';
import { ProcessMetricsSource } from './ProcessMetrics';
import { QuickActionService, QuickActionSource } from './QuickActionService';
import { SchemaCompareService } from './SchemaCompareService';
import { SnapshotService } from './SnapshotService';
import { StatusService, StatusSource } from './StatusService';
import { TableDetailService, TableDetailSource } from './TableDetailService';

/**
 * The services behind the routes, all required.
 *
 * @internal
 */
export interface DevopsInspectorServices {
  /** Environments, their tables and the activity log. */
  inspector: Pick<
    InspectorService,
    'environmentNames' | 'listEnvironments' | 'listTables' | 'listActivity'
  >;
  environmentInfo: EnvironmentInfoSource;
  status: StatusSource;
  tableDetails: TableDetailSource;
  configStatus: ConfigStatusSource;
  compare: Pick<SchemaCompareService, 'compare' | 'resolve'>;
  /** Comparisons in the background, with progress. */
  compareJobs: Pick<CompareJobService, 'start' | 'get' | 'cancel'>;
  snapshots: Pick<SnapshotService, 'take' | 'list' | 'summary' | 'file'>;
  drift: Pick<DriftService, 'list'>;
  /** Answers 404 from its route while `enabled` is false. */
  dataCheck: DataCheckSource;
  /** Measured figures of this backend process. */
  processMetrics: ProcessMetricsSource;
  /** The drawer's "Clear cache" and "Export logs". */
  quickActions: QuickActionSource;
}

/**
 * The services, and those the plugin also runs outside a route (the
 * scheduled tasks, the shutdown).
 *
 * @internal
 */
export interface CreatedServices extends DevopsInspectorServices {
  compareJobs: CompareJobService;
  drift: DriftService;
}

/** @internal */
export function createServices(options: {
  config: RootConfigService;
  environments: InspectorEnvironmentConfig[];
  databases: EnvironmentDatabases;
  postgres: ReadOnlyPostgres;
  store: ActivityStore;
  snapshotStore: SnapshotStore;
  compareJobStore: CompareJobStore;
  signals?: SignalsService;
  notifications?: NotificationService;
  notifyRecipients?: string[];
  logger: LoggerService;
  /** The process's collector (`processMetrics()`). */
  processMetrics: ProcessMetricsSource;
}): CreatedServices {
  const { config, environments, databases, postgres, store, logger } = options;
  const { signals } = options;
  const inspector = new InspectorService({ databases, store, logger });
  const snapshots = new SnapshotService({
    databases,
    store: options.snapshotStore,
    activity: store,
    logger,
  });
  const compare = new SchemaCompareService({
    databases,
    snapshots,
    store,
    logger,
  });
  const configStatus = new ConfigStatusService({ config, logger });
  return {
    inspector,
    environmentInfo: new EnvironmentInfoService({
      current: readCurrentDeployment(config),
      listEnvironments: names => inspector.listEnvironments(names),
      logger,
    }),
    status: new StatusService({
      environments,
      dependencies: readHttpDependencies(config),
      postgres,
      slowThresholdMs: readSlowThresholdMs(config),
      logger,
    }),
    tableDetails: new TableDetailService({ databases, store }),
    configStatus,
    compare,
    compareJobs: new CompareJobService({
      store: options.compareJobStore,
      comparer: compare,
      activity: store,
      signals,
      logger,
    }),
    snapshots,
    drift: new DriftService({
      databases,
      store: options.snapshotStore,
      activity: store,
      signals,
      notifications: options.notifications,
      notifyRecipients: options.notifyRecipients,
      logger,
    }),
    dataCheck: new DataCheckService({
      databases,
      ...readDataCheckConfig(config),
      logger,
    }),
    processMetrics: options.processMetrics,
    // what the backend keeps between requests; status and catalogs are
    // measured afresh on every request and have no cache
    quickActions: new QuickActionService({
      store,
      caches: [
        {
          clear: () => {
            const retired = postgres.resetPools();
            return `read-only connection pools (${
              retired.length ? retired.join(', ') : 'none open'
            })`;
          },
        },
        {
          clear: () => {
            configStatus.clearSchemaCache();
            return 'config schema (loaded again on the next read)';
          },
        },
      ],
      logger,
    }),
  };
}
