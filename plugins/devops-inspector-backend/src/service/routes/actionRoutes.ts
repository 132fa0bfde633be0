import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseInput } from '@opshub/opshub-node';
import {
  ACTIVITY_EXPORT_FORMATS,
  inspectorActivityExportPermission,
  inspectorCacheClearPermission,
  QuickActionPermissions,
} from '@opshub/plugin-devops-inspector-common';
import { z } from 'zod';
import { RouteContext } from './context';

const isoDateTime = z
  .string()
  .datetime({ offset: true, message: 'must be an ISO 8601 date and time' })
  .transform(value => new Date(value));

const activityExportQuery = z
  .object({
    format: z.enum(ACTIVITY_EXPORT_FORMATS).default('json'),
    from: isoDateTime,
    to: isoDateTime,
  })
  .refine(query => query.from.getTime() < query.to.getTime(), {
    message: 'must be before to',
    path: ['from'],
  });

/** Response headers a browser on the app's origin may read. */
const EXPOSED_HEADERS = 'Content-Disposition, X-Activity-Export-Truncated';

/**
 * The drawer's quick actions, each behind its own permission and recorded in
 * the activity log:
 *
 * - `GET /actions`: which of them the caller may run;
 * - `POST /actions/clear-cache` (`devops-inspector.cache.clear`);
 * - `GET /activity/export?format=json|csv&from=&to=`
 *   (`devops-inspector.activity.export`): a download of the entries of
 *   readable environments (and of none) in the range, newest first, capped.
 *
 * @internal
 */
export function registerActionRoutes(ctx: RouteContext): void {
  const { router, httpAuth, permissions, authorize, readableEnvironments } =
    ctx;
  const { quickActions } = ctx.services;

  router.get('/actions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [clearCache, exportActivity] = await permissions.authorize(
      [
        { permission: inspectorCacheClearPermission },
        { permission: inspectorActivityExportPermission },
      ],
      { credentials },
    );
    const body: QuickActionPermissions = {
      clearCache: clearCache?.result === AuthorizeResult.ALLOW,
      exportActivity: exportActivity?.result === AuthorizeResult.ALLOW,
    };
    res.json(body);
  });

  router.post('/actions/clear-cache', async (req, res) => {
    const { actor } = await authorize(req, inspectorCacheClearPermission);
    res.json(await quickActions.clearCache(actor));
  });

  router.get('/activity/export', async (req, res) => {
    const query = parseInput(activityExportQuery, req.query, 'query');
    const { credentials, actor } = await authorize(
      req,
      inspectorActivityExportPermission,
    );
    const file = await quickActions.exportActivity(
      query,
      await readableEnvironments(credentials),
      actor,
    );
    res
      .status(200)
      .type(file.contentType)
      .attachment(file.filename)
      .set('X-Activity-Export-Truncated', String(file.truncated))
      .set('Access-Control-Expose-Headers', EXPOSED_HEADERS)
      .send(file.body);
  });
}
