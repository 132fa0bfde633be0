import { parseInput } from '@opshub/opshub-node';
import {
  releaseReadPermission,
  stepExecutePermission,
  stepUpdatePermission,
  templateUpdatePermission,
} from '@opshub/plugin-release-orchestration-common';
import { RouteContext } from './context';
import {
  bulkBody,
  customStepBody,
  doneBody,
  idParams,
  overrideBody,
  releaseCustomerParams,
  revertBody,
  skipBody,
  versionBody,
  versionQuery,
} from './schemas';

/**
 * Customer steps. Recording execution (done, skip, revert, reopen) needs
 * `step.execute`; changing what a step runs (override, reset, adding or
 * deleting a custom step, bulk reset) needs `step.update`. @internal
 */
export function registerStepRoutes(ctx: RouteContext): void {
  const { router, authorize, authorizeRelease } = ctx;
  const { steps, customSteps, bulkSteps, resources } = ctx.services;

  router.get('/releases/:id/customers/:customerId/steps', async (req, res) => {
    const { id, customerId } = parseInput(
      releaseCustomerParams,
      req.params,
      'path',
    );
    await authorize(req, releaseReadPermission);
    res.json({ items: await steps.listForCustomer(id, customerId) });
  });

  router.post('/releases/:id/customers/:customerId/steps', async (req, res) => {
    const { id, customerId } = parseInput(
      releaseCustomerParams,
      req.params,
      'path',
    );
    const body = parseInput(customStepBody, req.body, 'body');
    const actor = await authorizeRelease(req, stepUpdatePermission, id);
    if (body.addToTemplate) {
      await authorizeRelease(req, templateUpdatePermission, id);
    }
    res.status(201).json(await customSteps.add(id, customerId, body, actor));
  });

  router.post('/releases/:id/steps/bulk', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const body = parseInput(bulkBody, req.body, 'body');
    // reset rewrites content; the other actions record execution
    const actor = await authorizeRelease(
      req,
      body.action === 'reset' ? stepUpdatePermission : stepExecutePermission,
      id,
    );
    res.json({ items: await bulkSteps.run(id, body, actor) });
  });

  router.get('/steps/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorize(req, releaseReadPermission);
    res.json(await steps.get(id));
  });

  router.get('/steps/:id/events', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    await authorize(req, releaseReadPermission);
    res.json({ items: await steps.events(id) });
  });

  router.put('/steps/:id/content', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version, content, name } = parseInput(
      overrideBody,
      req.body,
      'body',
    );
    const actor = await authorizeRelease(
      req,
      stepUpdatePermission,
      await resources.releaseOfStep(id),
    );
    res.json(await steps.override(id, version, content, name, actor));
  });

  router.post('/steps/:id/reset', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version } = parseInput(versionBody, req.body, 'body');
    const actor = await authorizeRelease(
      req,
      stepUpdatePermission,
      await resources.releaseOfStep(id),
    );
    res.json(await steps.reset(id, version, actor));
  });

  router.post('/steps/:id/done', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version, notes } = parseInput(doneBody, req.body, 'body');
    const actor = await authorizeRelease(
      req,
      stepExecutePermission,
      await resources.releaseOfStep(id),
    );
    res.json(
      await steps.transition(id, version, { to: 'done', note: notes }, actor),
    );
  });

  router.post('/steps/:id/skip', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version, reason } = parseInput(skipBody, req.body, 'body');
    const actor = await authorizeRelease(
      req,
      stepExecutePermission,
      await resources.releaseOfStep(id),
    );
    res.json(
      await steps.transition(
        id,
        version,
        { to: 'skipped', note: reason },
        actor,
      ),
    );
  });

  router.post('/steps/:id/revert', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version, reason } = parseInput(revertBody, req.body, 'body');
    const actor = await authorizeRelease(
      req,
      stepExecutePermission,
      await resources.releaseOfStep(id),
    );
    res.json(
      await steps.transition(
        id,
        version,
        { to: 'reverted', note: reason },
        actor,
      ),
    );
  });

  router.post('/steps/:id/reopen', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version } = parseInput(versionBody, req.body, 'body');
    const actor = await authorizeRelease(
      req,
      stepExecutePermission,
      await resources.releaseOfStep(id),
    );
    res.json(await steps.transition(id, version, { to: 'pending' }, actor));
  });

  router.delete('/steps/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    const { version } = parseInput(versionQuery, req.query, 'query');
    const actor = await authorizeRelease(
      req,
      stepUpdatePermission,
      await resources.releaseOfStep(id),
    );
    await customSteps.delete(id, version, actor);
    res.status(204).end();
  });
}
