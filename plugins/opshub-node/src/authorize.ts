import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';

/** @public */
export type AuthorizeRequestOptions = {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
} & (
  | { permission: BasicPermission; resourceRef?: undefined }
  | { permission: ResourcePermission; resourceRef: string }
);

/**
 * Authenticates the request as a user or service and checks one permission.
 * Throws `NotAllowedError` (403) when the policy denies or makes the decision
 * conditional, since conditional decisions need a resource-aware route.
 *
 * @returns the caller's credentials, for audit fields
 * @public
 */
export async function authorizeRequest(
  req: Request,
  options: AuthorizeRequestOptions,
): Promise<BackstageCredentials> {
  const { httpAuth, permissions } = options;
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const request = options.resourceRef
    ? { permission: options.permission, resourceRef: options.resourceRef }
    : { permission: options.permission as BasicPermission };
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Permission denied: ${options.permission.name}${
        options.resourceRef ? ` on ${options.resourceRef}` : ''
      }`,
    );
  }
  return credentials;
}
