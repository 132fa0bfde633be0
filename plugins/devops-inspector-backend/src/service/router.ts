import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { pageQuerySchema } from '@opshub/opshub-common';
import {
  actorOf,
  authorizeRequest,
  createBaseRouter,
  parseInput,
} from '@opshub/opshub-node';
import {
  EnvironmentList,
  inspectorActivityReadPermission,
  inspectorEnvironmentReadPermission,
  TABLE_SORT_KEYS,
} from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import { z } from 'zod';
import { ConfigStatusSource } from './ConfigStatusService';
import { registerCompareRoutes } from './compareRoutes';
import { registerConfigRoutes } from './configRoutes';
import { DataCheckSource } from './DataCheckService';
import { registerDataCheckRoutes } from './dataCheckRoutes';
import { EnvironmentInfoSource } from './EnvironmentInfoService';
import { registerEnvironmentRoutes } from './environmentRoutes';
import { InspectorService } from './InspectorService';
import { StatusSource } from './StatusService';
import { TableDetailSource } from './TableDetailService';
import { registerTableDetailRoutes } from './tableDetailRoutes';

const environmentName = z.string().min(1).max(255);
const environmentParams = z.object({ name: environmentName });
const environmentsQuery = z.object({ name: environmentName.optional() });
const tablesQuery = pageQuerySchema.extend({
  filter: z
    .string()
    .trim()
    .max(255)
    .optional()
    .transform(value => value || undefined),
  sort: z.enum(TABLE_SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

/** @internal */
export type InspectorRouterService = Pick<
  InspectorService,
  'environmentNames' | 'listEnvironments' | 'listTables' | 'listActivity'
>;

/**
 * The configured environments (or those of `only` that are configured) on
 * which the caller has `devops-inspector.environment.read`, in configuration
 * order. One batched permission request, one decision per environment
 * (resource ref: the environment name), so conditional policies apply;
 * anything but ALLOW hides the environment.
 *
 * @internal
 */
export type ReadableEnvironments = (
  credentials: BackstageCredentials,
  only?: readonly string[],
) => Promise<string[]>;

/** @internal */
export function readableEnvironments(options: {
  permissions: PermissionsService;
  names: () => string[];
}): ReadableEnvironments {
  const { permissions } = options;
  return async (credentials, only) => {
    const names = options
      .names()
      .filter(name => only === undefined || only.includes(name));
    if (!names.length) {
      return [];
    }
    const decisions = await permissions.authorize(
      names.map(resourceRef => ({
        permission: inspectorEnvironmentReadPermission,
        resourceRef,
      })),
      { credentials },
    );
    return names.filter(
      (_name, index) => decisions[index]?.result === AuthorizeResult.ALLOW,
    );
  };
}

/** @internal */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: InspectorRouterService;
  environmentInfo?: EnvironmentInfoSource;
  status?: StatusSource;
  tableDetails?: TableDetailSource;
  configStatus?: ConfigStatusSource;
  compareService?: Parameters<
    typeof registerCompareRoutes
  >[1]['compareService'];
  dataCheck?: DataCheckSource;
}): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const router = createBaseRouter();

  const readable = readableEnvironments({
    permissions,
    names: () => service.environmentNames(),
  });

  // `?name=` narrows the list (and the probes) to one environment
  router.get('/environments', async (req, res) => {
    const query = parseInput(environmentsQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const names = await readable(
      credentials,
      query.name === undefined ? undefined : [query.name],
    );
    const body: EnvironmentList = {
      items: names.length ? await service.listEnvironments(names) : [],
    };
    res.json(body);
  });

  router.get('/environments/:name/tables', async (req, res) => {
    const { name } = parseInput(environmentParams, req.params, 'path');
    const query = parseInput(tablesQuery, req.query, 'query');
    const credentials = await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: inspectorEnvironmentReadPermission,
      resourceRef: name,
    });
    res.json(await service.listTables(name, query, actorOf(credentials)));
  });

  router.get('/activity', async (req, res) => {
    const query = parseInput(pageQuerySchema, req.query, 'query');
    const credentials = await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: inspectorActivityReadPermission,
    });
    res.json(await service.listActivity(query, await readable(credentials)));
  });

  const { environmentInfo, status, tableDetails, configStatus } = options;
  if (environmentInfo && status) {
    registerEnvironmentRoutes(router, {
      httpAuth,
      permissions,
      environmentInfo,
      status,
      readable,
    });
  }
  if (tableDetails) {
    registerTableDetailRoutes(router, { httpAuth, permissions, tableDetails });
  }
  if (configStatus) {
    registerConfigRoutes(router, { httpAuth, permissions, configStatus });
  }
  registerCompareRoutes(router, {
    httpAuth,
    permissions,
    compareService: options.compareService,
  });
  registerDataCheckRoutes(router, {
    httpAuth,
    permissions,
    dataCheck: options.dataCheck,
  });

  return router;
}
