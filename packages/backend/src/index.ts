/*
 * The OpsHub portal backend: the catalog, auth, permissions, signals and the
 * four OpsHub plugins. Development (NODE_ENV=development, as `yarn start`
 * sets it) signs in as guest and allows everything; every other mode signs
 * in with GitHub and enforces the OpsHub policy (README, "Production").
 */

import { createBackend } from '@backstage/backend-defaults';

const development = process.env.NODE_ENV === 'development';
const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in in development, GitHub (auth.providers.github) in
// production; see https://backstage.io/docs/auth/
backend.add(import('@backstage/plugin-auth-backend'));
if (development) {
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
}
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// catalog, reading examples/ (see app-config.yaml)
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: every OpsHub route asks the policy through
// coreServices.permissions. Allow-all in development only; elsewhere the
// OpsHub example policy (plugins/permission-policy), or your own
// (https://backstage.io/docs/permissions/writing-a-policy).
backend.add(import('@backstage/plugin-permission-backend'));
if (development) {
  backend.add(
    import('@backstage/plugin-permission-backend-module-allow-all-policy'),
  );
} else {
  backend.add(import('@opshub/plugin-permission-backend-module-opshub-policy'));
}

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
