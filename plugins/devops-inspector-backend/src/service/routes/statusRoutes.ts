import {
  inspectorConfigReadPermission,
  inspectorStatusReadPermission,
} from '@opshub/plugin-devops-inspector-common';
import { RouteContext } from './context';

/**
 * `GET /environment` (what is deployed) and `GET /status` (the health
 * summary), both behind `devops-inspector.status.read`, each listing only
 * the environments the caller may `devops-inspector.environment.read`; and
 * `GET /config`, the effective configuration, masked, behind
 * `devops-inspector.config.read`. `/health` stays the unauthenticated
 * liveness route.
 *
 * @internal
 */
export function registerStatusRoutes(ctx: RouteContext): void {
  const { router, authorize, readableEnvironments } = ctx;
  const { environmentInfo, status, configStatus } = ctx.services;

  router.get('/environment', async (req, res) => {
    const { credentials } = await authorize(req, inspectorStatusReadPermission);
    res.json(
      await environmentInfo.getEnvironmentInfo(
        await readableEnvironments(credentials),
      ),
    );
  });

  router.get('/status', async (req, res) => {
    const { credentials } = await authorize(req, inspectorStatusReadPermission);
    res.json(await status.getStatus(await readableEnvironments(credentials)));
  });

  router.get('/config', async (req, res) => {
    await authorize(req, inspectorConfigReadPermission);
    res.json(await configStatus.getConfigStatus());
  });
}
