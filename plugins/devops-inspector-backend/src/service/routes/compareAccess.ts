import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { actorOf } from '@opshub/opshub-node';
import { inspectorSchemaComparePermission } from '@opshub/plugin-devops-inspector-common';
import type { Request } from 'express';
import { CompareRef } from '../SchemaCompareService';
import { RouteContext } from './context';

/**
 * Resolves the compare references of a request (404 for an unknown
 * snapshot) and checks `devops-inspector.schema.compare` on the environment
 * of each: its name, or the environment a snapshot was taken of. One
 * batched request, one decision per reference; anything but ALLOW is a 403
 * that names only the configured environments denied. Then an environment
 * that is not configured is a 404.
 *
 * @internal
 */
export async function authorizeCompare(
  ctx: RouteContext,
  req: Request,
  refs: readonly string[],
): Promise<{
  credentials: BackstageCredentials;
  actor: string;
  resolved: CompareRef[];
}> {
  const { httpAuth, permissions } = ctx;
  const { compare, inspector } = ctx.services;
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const resolved = await compare.resolve(refs);
  const environments = resolved.map(r => r.environment);
  const known = new Set(inspector.environmentNames());
  const decisions = await permissions.authorize(
    environments.map(resourceRef => ({
      permission: inspectorSchemaComparePermission,
      resourceRef,
    })),
    { credentials },
  );
  const denied = [
    ...new Set(
      environments.filter(
        (_name, index) => decisions[index]?.result !== AuthorizeResult.ALLOW,
      ),
    ),
  ];
  if (denied.length) {
    // do not reveal which names exist to a caller who may not compare them
    throw new NotAllowedError(
      `Permission denied: ${inspectorSchemaComparePermission.name} on ${
        denied.filter(name => known.has(name)).join(', ') ||
        'the requested environments'
      }`,
    );
  }
  // a snapshot stays comparable after its environment left the config
  const unknown = resolved.find(
    r => r.snapshotId === undefined && !known.has(r.environment),
  );
  if (unknown) {
    throw new NotFoundError(
      `No environment named ${JSON.stringify(unknown.ref)}`,
    );
  }
  return { credentials, actor: actorOf(credentials), resolved };
}
