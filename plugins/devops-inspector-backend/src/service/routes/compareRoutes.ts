import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { actorOf, parseInput } from '@opshub/opshub-node';
import { inspectorSchemaComparePermission } from '@opshub/plugin-devops-inspector-common';
import { RouteContext } from './context';
import { compareBody, dataCheckBody } from './schemas';

/**
 * `POST /compare` (`{ source, targets }` in, a `MultiCompareResult` out) and
 * `POST /data-check` (`{ source, target, tables? }` in, a `DataCheckResult`
 * out; 404 while `devopsInspector.dataCheck.enabled` is off), both behind
 * `devops-inspector.schema.compare` on every environment named.
 *
 * @internal
 */
export function registerCompareRoutes(ctx: RouteContext): void {
  const { router, httpAuth, permissions, authorizeOn } = ctx;
  const { compare, dataCheck, inspector } = ctx.services;

  router.post('/compare', async (req, res) => {
    const body = parseInput(compareBody, req.body ?? {}, 'body');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const names = [body.source, ...body.targets];
    const known = new Set(inspector.environmentNames());
    const decisions = await permissions.authorize(
      names.map(resourceRef => ({
        permission: inspectorSchemaComparePermission,
        resourceRef,
      })),
      { credentials },
    );
    const denied = names.filter(
      (_name, index) => decisions[index]?.result !== AuthorizeResult.ALLOW,
    );
    if (denied.length) {
      // do not reveal which names exist to a caller who may not compare them
      throw new NotAllowedError(
        `Permission denied: ${inspectorSchemaComparePermission.name} on ${
          denied.filter(name => known.has(name)).join(', ') ||
          'the requested environments'
        }`,
      );
    }
    res.json(
      await compare.compare(body.source, body.targets, actorOf(credentials)),
    );
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
