import { inspectorStatusReadPermission } from '@opshub/plugin-devops-inspector-common';
import { RouteContext } from './context';

/**
 * `GET /process`: memory, event-loop delay and HTTP request counts of this
 * backend process, behind `devops-inspector.status.read`.
 *
 * @internal
 */
export function registerProcessRoutes(ctx: RouteContext): void {
  const { router, authorize } = ctx;
  const { processMetrics } = ctx.services;

  router.get('/process', async (req, res) => {
    await authorize(req, inspectorStatusReadPermission);
    res.json(processMetrics.read());
  });
}
