import { createBackend } from '@backstage/backend-defaults';

// Starts this plugin alone for local work: `yarn start` in this folder.
// Configure `devopsInspector.environments` in app-config.local.yaml first.
const backend = createBackend();
backend.add(import('../src'));
backend.start();
