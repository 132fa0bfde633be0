import express from 'express';
import Router from 'express-promise-router';

/**
 * The router every OpsHub backend starts from: JSON bodies (1 MB at most) and
 * `GET /health`, which the plugin opens to unauthenticated callers with
 * `httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' })`.
 *
 * @public
 */
export function createBaseRouter(): express.Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  return router;
}
