import { parseInput } from '@opshub/opshub-node';
import { inspectorEnvironmentReadPermission } from '@opshub/plugin-devops-inspector-common';
import type { Request } from 'express';
import { RouteContext } from './context';
import { tableParams } from './schemas';

/**
 * `GET /environments/:name/tables/:schema/:table` (structure) and
 * `.../count` (exact count, `timedOut: true` when the statement timeout
 * cancels it), behind the environment's `devops-inspector.environment.read`.
 *
 * @internal
 */
export function registerTableDetailRoutes(ctx: RouteContext): void {
  const { router, authorizeOn } = ctx;
  const { tableDetails } = ctx.services;
  const authorizeTable = async (req: Request) => {
    const params = parseInput(tableParams, req.params, 'path');
    const { actor } = await authorizeOn(
      req,
      inspectorEnvironmentReadPermission,
      params.name,
    );
    return { ...params, actor };
  };

  router.get('/environments/:name/tables/:schema/:table', async (req, res) => {
    const { name, schema, table, actor } = await authorizeTable(req);
    res.json(await tableDetails.getTableDetail(name, schema, table, actor));
  });

  router.get(
    '/environments/:name/tables/:schema/:table/count',
    async (req, res) => {
      const { name, schema, table, actor } = await authorizeTable(req);
      res.json(await tableDetails.countRows(name, schema, table, actor));
    },
  );
}
