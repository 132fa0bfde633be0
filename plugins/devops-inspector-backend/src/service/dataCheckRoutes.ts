import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { authorizeRequest, parseInput } from '@opshub/opshub-node';
import { inspectorSchemaComparePermission } from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import { z } from 'zod';
import { DataCheckSource } from './DataCheckService';

const environmentName = z.string().min(1).max(255);
/** `table` or `schema.table`; compared with catalog names, never SQL. */
const tableSelector = z
  .string()
  .min(1)
  .max(600)
  .refine(value => !value.includes('\0'), 'must not contain NUL');
const dataCheckBody = z
  .object({
    source: environmentName,
    target: environmentName,
    tables: z.array(tableSelector).min(1).max(500).optional(),
  })
  .strict()
  .refine(body => body.source !== body.target, {
    message: 'the source and the target must differ',
    path: ['target'],
  });

/**
 * Registers `POST /data-check`: `{ source, target, tables? }` in, a
 * `DataCheckResult` out, behind `devops-inspector.schema.compare` on
 * both environments. Answers 404 while `devopsInspector.dataCheck.enabled`
 * is off.
 *
 * @internal
 */
export function registerDataCheckRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    dataCheck?: DataCheckSource;
  },
): void {
  const { httpAuth, permissions, dataCheck } = options;
  router.post('/data-check', async (req, res) => {
    if (!dataCheck?.enabled) {
      throw new NotFoundError(
        'data check is disabled; set devopsInspector.dataCheck.enabled',
      );
    }
    const body = parseInput(dataCheckBody, req.body ?? {}, 'body');
    for (const resourceRef of [body.source, body.target]) {
      await authorizeRequest(req, {
        httpAuth,
        permissions,
        permission: inspectorSchemaComparePermission,
        resourceRef,
      });
    }
    res.json(await dataCheck.rowCounts(body.source, body.target, body.tables));
  });
}
