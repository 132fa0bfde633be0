import { ResponseError } from '@backstage/errors';

/** The server's own words for a failed request, else the error's message. */
export function serverMessage(error: Error): string {
  if (error instanceof ResponseError) {
    return error.body?.error?.message ?? error.message;
  }
  return error.message;
}

/** A commit link when the entity names its GitHub repository. */
export function commitUrl(
  projectSlug: string | undefined,
  sha: string,
): string | undefined {
  return projectSlug
    ? `https://github.com/${projectSlug}/commit/${encodeURIComponent(sha)}`
    : undefined;
}
