import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { readDataCheckConfig } from '../config';
import { ActivityStore } from '../database/ActivityStore';
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
import { SchemaCompareService } from './SchemaCompareService';
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
  compare: Pick<SchemaCompareService, 'compare'>;
  /** Answers 404 from its route while `enabled` is false. */
  dataCheck: DataCheckSource;
}

/** @internal */
export function createServices(options: {
  config: RootConfigService;
  environments: InspectorEnvironmentConfig[];
  databases: EnvironmentDatabases;
  postgres: ReadOnlyPostgres;
  store: ActivityStore;
  logger: LoggerService;
}): DevopsInspectorServices {
  const { config, environments, databases, postgres, store, logger } = options;
  const inspector = new InspectorService({ databases, store, logger });
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
    configStatus: new ConfigStatusService({ config, logger }),
    compare: new SchemaCompareService({ databases, store, logger }),
    dataCheck: new DataCheckService({
      databases,
      ...readDataCheckConfig(config),
      logger,
    }),
  };
}
