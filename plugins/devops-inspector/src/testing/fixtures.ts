import {
  EnvironmentSummary,
  TablePage,
} from '@opshub/plugin-devops-inspector-common';
import { DevopsInspectorApi } from '../api';

export const devEnvironment: EnvironmentSummary = {
  name: 'dev',
  label: 'Development',
  tier: 'dev',
  database: { status: 'up', serverVersion: '18.1', latencyMs: 1.234 },
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

export const emptyPage = { items: [], totalCount: 0, limit: 20, offset: 0 };

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
    ...overrides,
  } as jest.Mocked<DevopsInspectorApi>;
}
