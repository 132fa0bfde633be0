import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { actorOf, authorizeRequest, parseInput } from '@opshub/opshub-node';
import { inspectorEnvironmentReadPermission } from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import { z } from 'zod';
import { TableDetailSource } from './TableDetailService';

/** Any catalog name: passed as a bind value, so only NUL is refused. */
const catalogName = z
  .string()
  .min(1)
  .max(255)
  .refine(value => !value.includes('\0'), 'must not contain NUL');

const tableParams = z.object({
  name: z.string().min(1).max(255),
  schema: catalogName,
  table: catalogName,
});

/**
 * `GET /environments/:name/tables/:schema/:table` (structure) and
 * `.../count` (exact count, `timedOut: true` when the statement timeout
 * cancels it), behind the environment's `devops-inspector.environment.read`.
 *
 * @internal
 */
export function registerTableDetailRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    tableDetails: TableDetailSource;
  },
): void {
  const { httpAuth, permissions, tableDetails } = options;
  const authorize = async (req: express.Request) => {
    const params = parseInput(tableParams, req.params, 'path');
    const credentials = await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: inspectorEnvironmentReadPermission,
      resourceRef: params.name,
    });
    return { ...params, actor: actorOf(credentials) };
  };

  router.get('/environments/:name/tables/:schema/:table', async (req, res) => {
    const { name, schema, table, actor } = await authorize(req);
    res.json(await tableDetails.getTableDetail(name, schema, table, actor));
  });

  router.get(
    '/environments/:name/tables/:schema/:table/count',
    async (req, res) => {
      const { name, schema, table, actor } = await authorize(req);
      res.json(await tableDetails.countRows(name, schema, table, actor));
    },
  );
}
