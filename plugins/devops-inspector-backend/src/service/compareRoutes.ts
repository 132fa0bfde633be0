import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { actorOf, parseInput } from '@opshub/opshub-node';
import { inspectorSchemaComparePermission } from '@opshub/plugin-devops-inspector-common';
import express from 'express';
import { z } from 'zod';
import { SchemaCompareService } from '../compare/SchemaCompareService';

const environmentName = z.string().min(1).max(255);
const compareBody = z
  .object({
    source: environmentName,
    targets: z.array(environmentName).min(1).max(20),
  })
  .strict()
  .refine(body => new Set(body.targets).size === body.targets.length, {
    message: 'targets must not repeat an environment',
    path: ['targets'],
  })
  .refine(body => !body.targets.includes(body.source), {
    message: 'the source cannot also be a target',
    path: ['targets'],
  });

/**
 * Registers `POST /compare` on the router: `{ source, targets }` in, a
 * {@link MultiCompareResult} out. The compare permission is checked for the
 * source and for every target (resource ref: the environment name).
 *
 * @internal
 */
export function registerCompareRoutes(
  router: express.Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    compareService?: Pick<SchemaCompareService, 'compare' | 'environmentNames'>;
  },
): void {
  const { httpAuth, permissions, compareService } = options;
  if (!compareService) {
    return;
  }
  router.post('/compare', async (req, res) => {
    const body = parseInput(compareBody, req.body ?? {}, 'body');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const names = [body.source, ...body.targets];
    const known = new Set(compareService.environmentNames());
    const decisions = await permissions.authorize(
      names.map(resourceRef => ({
        permission: inspectorSchemaComparePermission,
        resourceRef,
      })),
      { credentials },
    );
    const denied = names.filter(
      (_name, index) => decisions[index]?.result !== AuthorizeResult.ALLOW,
    );
    if (denied.length) {
      // do not reveal which names exist to a caller who may not compare them
      throw new NotAllowedError(
        `Permission denied: ${inspectorSchemaComparePermission.name} on ${
          denied.filter(name => known.has(name)).join(', ') ||
          'the requested environments'
        }`,
      );
    }
    res.json(
      await compareService.compare(
        body.source,
        body.targets,
        actorOf(credentials),
      ),
    );
  });
}
