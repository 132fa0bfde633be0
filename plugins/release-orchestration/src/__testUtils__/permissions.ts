import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';

/**
 * A permission API entry for `TestApiProvider` that allows everything but
 * the permissions named in `denied`; `asked` lists what it answered
 * (`name`, and `name@resourceRef` for resource permissions).
 *
 * `usePermission` caches its answers (SWR) for the whole test file, so a
 * file tests one policy: the allow-all tests live beside the component, each
 * denied policy in its own `*.<name>Permission.test.tsx` file.
 */
export function permissions(denied: string[] = []) {
  const api = mockApis.permission({
    authorize: request =>
      denied.includes(request.permission.name)
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  const asked: string[] = [];
  const authorize = api.authorize.bind(api);
  api.authorize = async request => {
    const response = await authorize(request);
    // `name` and, for a resource permission, `name@resourceRef`
    asked.push(request.permission.name);
    if ('resourceRef' in request && request.resourceRef) {
      asked.push(`${request.permission.name}@${request.resourceRef}`);
    }
    return response;
  };
  return Object.assign([permissionApiRef, api] as const, { asked });
}
