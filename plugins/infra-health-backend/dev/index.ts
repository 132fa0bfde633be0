import { createBackend } from '@backstage/backend-defaults';

// Starts this plugin alone for local work: `yarn start` in this folder.
const backend = createBackend();
backend.add(import('../src'));
backend.start();
