import { BackstageCredentials } from '@backstage/backend-plugin-api';

/**
 * Who made a request, as written into history and activity logs: the user
 * entity ref of a user, the subject of a service, `unknown` otherwise. Taken
 * from the verified credentials, never from a request body.
 *
 * @public
 */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return principal.subject;
  }
  return 'unknown';
}
