import { parseInput } from '@opshub/opshub-node';
import {
  releaseReadPermission,
  templateUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { RouteContext } from './context';
import {
  createTemplateBody,
  idParams,
  reorderBody,
  updateTemplateBody,
  versionQuery,
} from './schemas';

/** Step templates. @internal */
export function registerTemplateRoutes(ctx: RouteContext): void {
  const { router, authorize, authorizeRelease } = ctx;
  const { templates, resources } = ctx.services;

  router.get('/releases/:id/templates', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorize(req, releaseReadPermission);
    res.json({ items: await templates.list(id) });
  });

  router.post('/releases/:id/templates', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(createTemplateBody, req.body, 'body');
    await authorizeRelease(req, templateUpdatePermission, id);
    res.status(201).json(await templates.add(id, body));
  });

  router.post('/releases/:id/templates/reorder', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(reorderBody, req.body, 'body');
    await authorizeRelease(req, templateUpdatePermission, id);
    res.json({ items: await templates.reorder(id, body) });
  });

  router.patch('/templates/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(updateTemplateBody, req.body, 'body');
    const actor = await authorizeRelease(
      req,
      templateUpdatePermission,
      await resources.releaseOfTemplate(id),
    );
    res.json(await templates.update(id, body, actor));
  });

  router.delete('/templates/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version } = parseInput(versionQuery, req.query, 'query');
    await authorizeRelease(
      req,
      templateUpdatePermission,
      await resources.releaseOfTemplate(id),
    );
    res.json(await templates.delete(id, version));
  });
}
