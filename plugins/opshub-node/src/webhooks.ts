import { createHash, createHmac, timingSafeEqual } from 'crypto';

/**
 * Compares two secrets in constant time. Both sides are hashed to 32 bytes
 * first, so `crypto.timingSafeEqual` always compares equal lengths and the
 * time taken says nothing about the length of either value.
 *
 * @public
 */
export function safeEqual(
  given: string | Buffer,
  expected: string | Buffer,
): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * `sha256=<hex>`: the HMAC-SHA256 of `body` with `secret`, as GitHub's
 * `X-Hub-Signature-256` and OpsHub's `X-OpsHub-Signature-256` carry it.
 *
 * @public
 */
export function signWebhookBody(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Whether `signature` (a `sha256=<hex>` header value) is the HMAC-SHA256 of
 * the raw `body` with `secret`. Compared in constant time; a missing header,
 * another scheme or an empty secret is never valid.
 *
 * @public
 */
export function verifyWebhookSignature(options: {
  secret: string;
  body: Buffer | string;
  signature: string | undefined;
}): boolean {
  const { secret, body, signature } = options;
  if (!secret || typeof signature !== 'string') {
    return false;
  }
  return safeEqual(signature.trim(), signWebhookBody(secret, body));
}

/**
 * Whether a shared-secret header (GitLab's `X-Gitlab-Token`, a token sent by
 * Argo CD notifications) equals the configured token, in constant time. A
 * missing header or an empty token is never valid.
 *
 * @public
 */
export function verifyWebhookToken(options: {
  token: string;
  given: string | undefined;
}): boolean {
  const { token, given } = options;
  if (!token || typeof given !== 'string') {
    return false;
  }
  return safeEqual(given, token);
}
