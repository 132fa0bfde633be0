import { NotFoundError } from '@backstage/errors';
import { parseInput } from '@opshub/opshub-node';
import { inspectorSchemaComparePermission } from '@opshub/plugin-devops-inspector-common';
import { authorizeCompare } from './compareAccess';
import { RouteContext } from './context';
import { compareBody, dataCheckBody } from './schemas';

/**
 * `POST /compare` (`{ source, targets }` in, a `MultiCompareResult` out;
 * each side an environment or `snapshot:<id>`) and
 * `POST /data-check` (`{ source, target, tables? }` in, a `DataCheckResult`
 * out; 404 while `devopsInspector.dataCheck.enabled` is off), both behind
 * `devops-inspector.schema.compare` on every environment named (for a
 * snapshot: the environment it was taken of).
 *
 * @internal
 */
export function registerCompareRoutes(ctx: RouteContext): void {
  const { router, authorizeOn } = ctx;
  const { compare, dataCheck } = ctx.services;

  router.post('/compare', async (req, res) => {
    const body = parseInput(compareBody, req.body ?? {}, 'body');
    const { actor } = await authorizeCompare(ctx, req, [
      body.source,
      ...body.targets,
    ]);
    res.json(await compare.compare(body.source, body.targets, { actor }));
  });

  router.post('/data-check', async (req, res) => {
    if (!dataCheck.enabled) {
      throw new NotFoundError(
        'data check is disabled; set devopsInspector.dataCheck.enabled',
      );
    }
    const body = parseInput(dataCheckBody, req.body ?? {}, 'body');
    for (const resourceRef of [body.source, body.target]) {
      await authorizeOn(req, inspectorSchemaComparePermission, resourceRef);
    }
    res.json(await dataCheck.rowCounts(body.source, body.target, body.tables));
  });
}
