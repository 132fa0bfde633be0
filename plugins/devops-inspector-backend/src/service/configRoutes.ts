import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { authorizeRequest } from '@opshub/opshub-node';
import { inspectorConfigReadPermission } from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import { ConfigStatusSource } from './ConfigStatusService';

/**
 * `GET /config`: the effective configuration, masked, behind
 * `devops-inspector.config.read`.
 *
 * @internal
 */
export function registerConfigRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    configStatus: ConfigStatusSource;
  },
): void {
  const { httpAuth, permissions, configStatus } = options;
  router.get('/config', async (req, res) => {
    await authorizeRequest(req, {
      httpAuth,
      permissions,
      permission: inspectorConfigReadPermission,
    });
    res.json(await configStatus.getConfigStatus());
  });
}
