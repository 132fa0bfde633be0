import { pageQuerySchema } from '@opshub/opshub-common';
import { parseInput } from '@opshub/opshub-node';
import {
  EnvironmentList,
  inspectorActivityReadPermission,
  inspectorEnvironmentReadPermission,
} from '@opshub/plugin-devops-inspector-common';
import { RouteContext } from './context';
import { environmentParams, environmentsQuery, tablesQuery } from './schemas';

/**
 * `GET /environments[?name=]` (only the readable ones, probed),
 * `GET /environments/:name/tables` and `GET /activity` (only entries of
 * readable environments).
 *
 * @internal
 */
export function registerEnvironmentRoutes(ctx: RouteContext): void {
  const { router, httpAuth, authorize, authorizeOn, readableEnvironments } =
    ctx;
  const { inspector } = ctx.services;

  // `?name=` narrows the list (and the probes) to one environment
  router.get('/environments', async (req, res) => {
    const query = parseInput(environmentsQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const names = await readableEnvironments(
      credentials,
      query.name === undefined ? undefined : [query.name],
    );
    const body: EnvironmentList = {
      items: names.length ? await inspector.listEnvironments(names) : [],
    };
    res.json(body);
  });

  router.get('/environments/:name/tables', async (req, res) => {
    const { name } = parseInput(environmentParams, req.params, 'path');
    const query = parseInput(tablesQuery, req.query, 'query');
    const { actor } = await authorizeOn(
      req,
      inspectorEnvironmentReadPermission,
      name,
    );
    res.json(await inspector.listTables(name, query, actor));
  });

  router.get('/activity', async (req, res) => {
    const query = parseInput(pageQuerySchema, req.query, 'query');
    const { credentials } = await authorize(
      req,
      inspectorActivityReadPermission,
    );
    res.json(
      await inspector.listActivity(
        query,
        await readableEnvironments(credentials),
      ),
    );
  });
}
