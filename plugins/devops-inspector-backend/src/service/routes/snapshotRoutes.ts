import { parseInput } from '@opshub/opshub-node';
import {
  inspectorEnvironmentReadPermission,
  inspectorSnapshotCreatePermission,
} from '@opshub/plugin-devops-inspector-common';
import type { Request } from 'express';
import { RouteContext } from './context';
import { createSnapshotBody, idParams, snapshotsQuery } from './schemas';

/**
 * Schema snapshots and the drift between them:
 *
 * - `POST /snapshots` (`{ environment, label? }`, behind
 *   `devops-inspector.snapshot.create` on the environment) stores a snapshot
 *   and answers 201 with its summary;
 * - `GET /snapshots?environment=&limit=&offset=` and
 *   `GET /drift?environment=&limit=&offset=` list them newest first, behind
 *   `devops-inspector.environment.read` on `environment` (without it: of
 *   every readable environment);
 * - `GET /snapshots/:id/file` answers a stored snapshot as a snapshot file
 *   (an attachment, the format of `opshub-inspector snapshot`), behind
 *   `devops-inspector.environment.read` on the snapshot's environment.
 *
 * @internal
 */
export function registerSnapshotRoutes(ctx: RouteContext): void {
  const { router, httpAuth, authorizeOn, readableEnvironments } = ctx;
  const { snapshots, drift } = ctx.services;

  /** The environments a listing may show. */
  async function listable(req: Request, environment: string | undefined) {
    if (environment !== undefined) {
      await authorizeOn(req, inspectorEnvironmentReadPermission, environment);
      return [environment];
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    return readableEnvironments(credentials);
  }

  router.post('/snapshots', async (req, res) => {
    const body = parseInput(createSnapshotBody, req.body ?? {}, 'body');
    const { actor } = await authorizeOn(
      req,
      inspectorSnapshotCreatePermission,
      body.environment,
    );
    res
      .status(201)
      .json(
        await snapshots.take(body.environment, { label: body.label, actor }),
      );
  });

  router.get('/snapshots', async (req, res) => {
    const query = parseInput(snapshotsQuery, req.query, 'query');
    const environments = await listable(req, query.environment);
    res.json(await snapshots.list(environments, query));
  });

  router.get('/snapshots/:id/file', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'path');
    // who asks first (401), then which environment the snapshot is of (404)
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const summary = await snapshots.summary(id);
    await authorizeOn(
      req,
      inspectorEnvironmentReadPermission,
      summary.environment,
    );
    const file = await snapshots.file(id);
    res
      .status(200)
      .type('application/json')
      .attachment(file.filename)
      .set('Access-Control-Expose-Headers', 'Content-Disposition')
      .send(file.body);
  });

  router.get('/drift', async (req, res) => {
    const query = parseInput(snapshotsQuery, req.query, 'query');
    const environments = await listable(req, query.environment);
    res.json(await drift.list(environments, query));
  });
}
