/*
 * The OpsHub portal backend: the catalog, auth, permissions, signals and the
 * four OpsHub plugins. Development (NODE_ENV=development, as `yarn start`
 * sets it) signs in as guest and allows everything; every other mode signs
 * in with GitHub and enforces the OpsHub policy (README, "Production").
 */

import { createBackend } from '@backstage/backend-defaults';
// a plain node http server, started below in development only
import { startDemoDeployer } from './demoDeployer';

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

// the event bus: on PostgreSQL the events backend stores events in its
// database, so signals and catalog events published on one backend instance
// reach subscribers (and browsers) connected to another
backend.add(import('@backstage/plugin-events-backend'));

// live updates to the browser
backend.add(import('@backstage/plugin-signals-backend'));

// Backstage notifications (infra-health notifies the owners of services
// about new firing alerts); it keeps them in its own database
backend.add(import('@backstage/plugin-notifications-backend'));

// per-user settings (theme, starred entities) for the app's UserSettingsStorage
backend.add(import('@backstage/plugin-user-settings-backend'));

// OpsHub
backend.add(import('@opshub/plugin-release-orchestration-backend'));
backend.add(import('@opshub/plugin-deployment-rollback-backend'));
backend.add(import('@opshub/plugin-infra-health-backend'));
backend.add(import('@opshub/plugin-devops-inspector-backend'));

// A replica whose startup fails exits, so that its supervisor (Kubernetes,
// systemd) starts it again. Left running, it would stay unready for good:
// two replicas starting at once on an empty database can race on Backstage's
// own migrations (backstage/charts#300); on the next start the tables exist.
backend.start().catch(error => {
  console.error(`Backend startup failed, exiting: ${error}`);
  process.exit(1);
});

// DEVELOPMENT ONLY: the demo deployer behind the `generic` executor of the
// demo environments (app-config.yaml). It reports each deployment back
// through the signed generic webhook a few seconds later; see
// ./demoDeployer.ts. Production never starts it.
if (development) {
  const port = process.env.OPSHUB_BACKEND_PORT ?? '7007';
  startDemoDeployer({
    port: Number(process.env.OPSHUB_DEMO_DEPLOYER_PORT ?? 7017),
    deployerSecret:
      process.env.OPSHUB_DEMO_DEPLOYER_SECRET ?? 'opshub-demo-deployer-secret',
    webhookSecret: process.env.OPSHUB_WEBHOOK_SECRET ?? '',
    callbackUrl: `http://127.0.0.1:${port}/api/deployment-rollback/webhooks/generic`,
    log: message => console.log(message),
  })
    .then(deployer => console.log(`demo deployer listening at ${deployer.url}`))
    .catch(error =>
      console.warn(`demo deployer not started: ${(error as Error).message}`),
    );
}
