/*
 * The OpsHub portal backend: the catalog, auth (guest sign-in for
 * development), permissions, signals and the four OpsHub plugins.
 */

import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for development; see https://backstage.io/docs/auth/
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, reading examples/ (see app-config.yaml)
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: allow-all for development. Replace this module with your own
// policy (https://backstage.io/docs/permissions/writing-a-policy); every
// OpsHub route asks the policy through coreServices.permissions.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// live updates to the browser
backend.add(import('@backstage/plugin-signals-backend'));

// per-user settings (theme, starred entities) for the app's UserSettingsStorage
backend.add(import('@backstage/plugin-user-settings-backend'));

// OpsHub
backend.add(import('@opshub/plugin-release-orchestration-backend'));
backend.add(import('@opshub/plugin-deployment-rollback-backend'));
backend.add(import('@opshub/plugin-infra-health-backend'));
backend.add(import('@opshub/plugin-devops-inspector-backend'));

backend.start();
