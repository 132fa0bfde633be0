import { parseInput } from '@opshub/opshub-node';
import {
  releaseActivatePermission,
  releaseCreatePermission,
  releaseReadPermission,
  releaseUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { RouteContext } from './context';
import {
  activateBody,
  addCustomersBody,
  createReleaseBody,
  eventsQuery,
  exportQuery,
  idParams,
  matrixQuery,
  releasesQuery,
  updateReleaseBody,
  versionBody,
  versionQuery,
} from './schemas';

/** Releases, activation, progress, matrix, export, history. @internal */
export function registerReleaseRoutes(ctx: RouteContext): void {
  const { router, authorize, authorizeRelease } = ctx;
  const { releases, matrix, exports } = ctx.services;

  router.get('/releases', async (req, res) => {
    const { status, type, search, entityRef, ...page } = parseInput(
      releasesQuery,
      req.query,
      'query',
    );
    await authorize(req, releaseReadPermission);
    res.json(await releases.list({ status, type, search, entityRef }, page));
  });

  router.post('/releases', async (req, res) => {
    const body = parseInput(createReleaseBody, req.body, 'body');
    const actor = await authorize(req, releaseCreatePermission);
    res.status(201).json(await releases.create(body, actor));
  });

  router.get('/releases/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorize(req, releaseReadPermission);
    res.json(await releases.get(id));
  });

  router.patch('/releases/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(updateReleaseBody, req.body, 'body');
    await authorizeRelease(req, releaseUpdatePermission, id);
    res.json(await releases.update(id, body));
  });

  router.delete('/releases/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version } = parseInput(versionQuery, req.query, 'query');
    await authorizeRelease(req, releaseUpdatePermission, id);
    await releases.delete(id, version);
    res.status(204).end();
  });

  router.post('/releases/:id/activate', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(activateBody, req.body, 'body');
    const actor = await authorizeRelease(req, releaseActivatePermission, id);
    res.json(await releases.activate(id, body, actor));
  });

  router.post('/releases/:id/customers', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { customerIds } = parseInput(addCustomersBody, req.body, 'body');
    const actor = await authorizeRelease(req, releaseActivatePermission, id);
    res.json(await releases.addCustomers(id, customerIds, actor));
  });

  router.post('/releases/:id/archive', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version } = parseInput(versionBody, req.body, 'body');
    await authorizeRelease(req, releaseUpdatePermission, id);
    res.json(await releases.archive(id, version));
  });

  router.get('/releases/:id/progress', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorize(req, releaseReadPermission);
    res.json(await releases.progress(id));
  });

  router.get('/releases/:id/matrix', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { cluster, ...page } = parseInput(matrixQuery, req.query, 'query');
    await authorize(req, releaseReadPermission);
    res.json(await matrix.read(id, cluster, page));
  });

  router.get('/releases/:id/export', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { format } = parseInput(exportQuery, req.query, 'query');
    await authorize(req, releaseReadPermission);
    if (format === 'csv') {
      const { filename, csv } = await exports.csv(id);
      res.type('text/csv; charset=utf-8').attachment(filename).send(csv);
      return;
    }
    res.json(await exports.json(id));
  });

  router.get('/releases/:id/events', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { customerId, ...page } = parseInput(eventsQuery, req.query, 'query');
    await authorize(req, releaseReadPermission);
    res.json(await releases.events(id, { customerId }, page));
  });
}
