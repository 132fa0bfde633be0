import {
  BackendProcessMetrics,
  CONFIG_MASK,
  ConfigStatus,
  EnvironmentInfo,
  EnvironmentSummary,
  StatusSummary,
  TableDetail,
  TablePage,
} from '@opshub/plugin-devops-inspector-common';
import { DevopsInspectorApi } from '../api';

export const devEnvironment: EnvironmentSummary = {
  name: 'dev',
  label: 'Development',
  tier: 'dev',
  database: {
    status: 'up',
    serverVersion: '18.1',
    latencyMs: 1.234,
    totals: {
      tableCount: 42,
      sizeBytes: 15 * 1024 * 1024,
      estimatedRows: 1234567,
      tablesWithoutEstimate: 2,
    },
  },
};

export const uatEnvironment: EnvironmentSummary = {
  name: 'uat',
  label: 'User acceptance',
  tier: 'uat',
  database: { status: 'down', error: 'connect ECONNREFUSED 10.0.0.5:5432' },
};

export const devTables: TablePage = {
  items: [
    {
      schema: 'public',
      name: 'payments',
      estimatedRows: 1200,
      totalBytes: 81920,
      indexBytes: 16384,
      columnCount: 7,
      indexCount: 2,
      lastVacuum: null,
      lastAnalyze: '2026-11-20T10:00:00.000Z',
    },
    {
      schema: 'billing',
      name: 'invoices',
      estimatedRows: null,
      totalBytes: 8192,
      indexBytes: 0,
      columnCount: 3,
      indexCount: 0,
      lastVacuum: null,
      lastAnalyze: null,
    },
  ],
  totalCount: 2,
  limit: 20,
  offset: 0,
};

export const statusSummary: StatusSummary = {
  status: 'degraded',
  checkedAt: '2026-11-21T09:00:00.000Z',
  slowThresholdMs: 1000,
  databases: [
    {
      name: 'dev',
      label: 'Development',
      tier: 'dev',
      status: 'up',
      slow: false,
      latencyMs: 2.5,
      pool: { totalCount: 1, idleCount: 1, waitingCount: 0, max: 2 },
    },
    {
      name: 'uat',
      label: 'User acceptance',
      tier: 'uat',
      status: 'down',
      slow: false,
      latencyMs: null,
      pool: null,
      error: 'connect ECONNREFUSED 10.0.0.5:5432',
    },
  ],
  dependencies: [
    {
      name: 'billing-api',
      url: 'https://billing.example/health',
      status: 'up',
      slow: false,
      statusCode: 200,
      latencyMs: 41.2,
    },
  ],
};

export const environmentInfo: EnvironmentInfo = {
  current: { name: 'dev-eu', tier: 'dev' },
  git: {
    branch: 'main',
    commit: '0123456789abcdef0123456789abcdef01234567',
    commitDate: '2026-11-20T10:00:00.000Z',
    message: 'Add the DevOps drawer',
    source: 'env',
  },
  appVersion: '0.1.0',
  backstageVersion: '1.55.0',
  nodeVersion: 'v20.20.2',
  startedAt: '2026-11-21T08:00:00.000Z',
  deployedAt: null,
  uptimeSeconds: 3725,
  databases: [
    { name: 'dev', label: 'Development', tier: 'dev', serverVersion: '18.1' },
  ],
};

export const configStatus: ConfigStatus = {
  schemaLoaded: true,
  entries: [
    { key: 'app.title', value: 'OpsHub', masked: false, set: true },
    {
      key: 'devopsInspector.environments.dev.connection',
      value: CONFIG_MASK,
      masked: true,
      maskedBy: 'schema',
      set: true,
    },
    {
      key: 'somePlugin.apiToken',
      value: null,
      masked: true,
      maskedBy: 'key',
      set: false,
    },
  ],
};

export const tableDetail: TableDetail = {
  schema: 'public',
  name: 'payments',
  kind: 'table',
  comment: 'One row per payment',
  columns: [
    {
      name: 'id',
      type: 'bigint',
      nullable: false,
      default: null,
      identity: 'always',
      generated: null,
    },
    {
      name: 'amount',
      type: 'numeric(10,2)',
      nullable: true,
      default: '0',
      identity: null,
      generated: null,
    },
  ],
  indexes: [
    {
      name: 'payments_pkey',
      definition:
        'CREATE UNIQUE INDEX payments_pkey ON public.payments USING btree (id)',
      unique: true,
      primary: true,
      valid: true,
      sizeBytes: 16384,
    },
  ],
  constraints: [
    {
      name: 'payments_amount_check',
      type: 'check',
      definition: 'CHECK ((amount >= (0)::numeric))',
    },
  ],
  foreignKeys: {
    outgoing: [],
    incoming: [
      {
        name: 'refunds_payment_fk',
        fromSchema: 'public',
        fromTable: 'refunds',
        fromColumns: ['payment_id'],
        toSchema: 'public',
        toTable: 'payments',
        toColumns: ['id'],
        definition: 'FOREIGN KEY (payment_id) REFERENCES payments(id)',
      },
    ],
  },
  triggers: [
    {
      name: 'payments_audit',
      enabled: true,
      definition:
        'CREATE TRIGGER payments_audit AFTER INSERT ON public.payments FOR EACH ROW EXECUTE FUNCTION audit()',
    },
  ],
};

export const emptyPage = { items: [], totalCount: 0, limit: 20, offset: 0 };

export const processMetrics: BackendProcessMetrics = {
  measuredAt: '2026-11-21T09:00:00.000Z',
  uptimeSeconds: 3725,
  memory: {
    rssBytes: 300 * 1024 * 1024,
    heapUsedBytes: 120 * 1024 * 1024,
    heapTotalBytes: 160 * 1024 * 1024,
    externalBytes: 4 * 1024 * 1024,
    arrayBuffersBytes: 1024 * 1024,
  },
  eventLoop: { windowSeconds: 10, meanMs: 0.42, p99Ms: 12.5, maxMs: 48.1 },
  requests: {
    since: '2026-11-21T08:00:00.000Z',
    started: 1250,
    completed: 1248,
    clientErrors: 17,
    serverErrors: 3,
    errorRate: 3 / 1248,
  },
};

export function mockApi(
  overrides: Partial<DevopsInspectorApi> = {},
): jest.Mocked<DevopsInspectorApi> {
  return {
    listEnvironments: jest.fn(async (options?: { name?: string }) => ({
      items: [devEnvironment, uatEnvironment].filter(
        e => !options?.name || e.name === options.name,
      ),
    })),
    listTables: jest.fn(async () => devTables),
    listActivity: jest.fn(async () => emptyPage),
    getTableDetail: jest.fn(async () => tableDetail),
    countTableRows: jest.fn(async () => ({
      schema: 'public',
      name: 'payments',
      count: 1234,
      timedOut: false,
      elapsedMs: 3,
      timeoutMs: 5000,
    })),
    getStatus: jest.fn(async () => statusSummary),
    getEnvironmentInfo: jest.fn(async () => environmentInfo),
    getConfigStatus: jest.fn(async () => configStatus),
    listSnapshots: jest.fn(async () => ({
      items: [],
      total: 0,
      limit: 20,
      offset: 0,
    })),
    getProcessMetrics: jest.fn(async () => processMetrics),
    getQuickActionPermissions: jest.fn(async () => ({
      clearCache: true,
      exportActivity: true,
    })),
    clearCache: jest.fn(async () => ({
      cleared: ['read-only connection pools (dev)', 'config schema'],
    })),
    exportActivity: jest.fn(async ({ format }) => ({
      blob: new Blob(['[]'], { type: 'application/json' }),
      filename: `devops-inspector-activity.${format}`,
      truncated: false,
    })),
    downloadSnapshot: jest.fn(async id => ({
      blob: new Blob(['{}'], { type: 'application/json' }),
      filename: `schema-snapshot-${id}.json`,
    })),
    ...overrides,
  } as jest.Mocked<DevopsInspectorApi>;
}
