import { actorOf, parseInput } from '@opshub/opshub-node';
import { authorizeCompare } from './compareAccess';
import { RouteContext } from './context';
import { compareBody, idParams } from './schemas';

/**
 * Schema comparisons in the background, with progress:
 *
 * - `POST /compare/jobs` (`{ source, targets }`, like `POST /compare` and
 *   behind the same permission) answers 202 with the running `CompareJob`;
 * - `GET /compare/jobs/:id` answers the caller's job (404 for anyone else);
 * - `DELETE /compare/jobs/:id` cancels it and its queries (202), 409 once it
 *   has ended.
 *
 * @internal
 */
export function registerCompareJobRoutes(ctx: RouteContext): void {
  const { router, httpAuth } = ctx;
  const { compareJobs } = ctx.services;

  router.post('/compare/jobs', async (req, res) => {
    const body = parseInput(compareBody, req.body ?? {}, 'body');
    const { actor, resolved } = await authorizeCompare(ctx, req, [
      body.source,
      ...body.targets,
    ]);
    const [source, ...targets] = resolved;
    const job = await compareJobs.start(source, targets, actor);
    res.status(202).location(`compare/jobs/${job.id}`).json(job);
  });

  router.get('/compare/jobs/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await compareJobs.get(id, actorOf(credentials)));
  });

  router.delete('/compare/jobs/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.status(202).json(await compareJobs.cancel(id, actorOf(credentials)));
  });
}
