import { signWebhookBody } from '@opshub/opshub-node';
import { randomUUID } from 'crypto';
import { redact, redactUrl } from '@opshub/opshub-common';
import { STATUS_CODES } from 'http';
import type { ExecutorFailed } from './types';

/** The longest provider message an error repeats. */
export const MAX_PROVIDER_MESSAGE = 300;

/** How long a provider may take, unless the executor's config says. */
export const DEFAULT_EXECUTOR_TIMEOUT_MS = 10_000;

/**
 * The largest answer read (an Argo CD application with thousands of
 * resources stays well below it). A larger one is not read to its end.
 */
export const MAX_ANSWER_BYTES = 10 * 1024 * 1024;

/** A response read in full within the timeout. */
export interface ProviderResponse {
  ok: true;
  status: number;
  headers: Headers;
  text: string;
}

/** What {@link callProvider} needs. */
export interface ProviderCall {
  /** `GitHub`, `Argo CD`, ...: the subject of every message. */
  provider: string;
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Removed from every message: tokens, secrets. */
  secrets: readonly string[];
}

function clean(text: string, secrets: readonly string[]): string {
  const oneLine = Array.from(redact(text, secrets), ch => {
    const code = ch.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? ' ' : ch;
  })
    .join('')
    .replace(/ {2,}/g, ' ')
    .trim();
  return oneLine.length > MAX_PROVIDER_MESSAGE
    ? `${oneLine.slice(0, MAX_PROVIDER_MESSAGE)}…`
    : oneLine;
}

/**
 * The provider's own message from an error body: `message` (GitHub, Argo CD),
 * else `error`, else the text itself. Truncated and redacted.
 */
export function providerMessage(
  text: string,
  secrets: readonly string[],
): string {
  let message = text;
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body === 'object' && body !== null) {
      const { message: m, error: e } = body as Record<string, unknown>;
      if (typeof m === 'string' && m) {
        message = m;
      } else if (typeof e === 'string' && e) {
        message = e;
      }
    }
  } catch {
    // not JSON: the text is the message
  }
  return clean(message, secrets);
}

/** `Argo CD answered 404 Not Found to POST http://host/path: <message>`. */
export function httpError(
  call: Pick<ProviderCall, 'provider' | 'method' | 'url' | 'secrets'>,
  status: number,
  text: string,
  what?: string,
): ExecutorFailed {
  const message = providerMessage(text, call.secrets);
  const reason = STATUS_CODES[status] ?? 'Unknown';
  return {
    accepted: false,
    code: 'http_error',
    httpStatus: status,
    message: `${call.provider} answered ${status} ${reason} to ${
      call.method
    } ${redactUrl(call.url)}${what ? ` (${what})` : ''}${
      message ? `: ${message}` : ''
    }`,
  };
}

/**
 * Sends one request with a timeout that covers the answer and its body, and
 * never follows a redirect (it would carry the token elsewhere). Resolves
 * with the response, whatever its status, or with an
 * {@link ExecutorFailed} for a timeout, a failed connection or a redirect.
 * Messages name the provider, the method and the URL without its query,
 * and carry no secret.
 */
export async function callProvider(
  call: ProviderCall,
): Promise<ProviderResponse | ExecutorFailed> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), call.timeoutMs);
  const target = `${call.method} ${redactUrl(call.url)}`;
  try {
    const res = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    const text = await readBounded(res, MAX_ANSWER_BYTES);
    if (text === undefined) {
      return {
        accepted: false,
        code: 'invalid_response',
        httpStatus: res.status,
        message: `${call.provider} answered ${target} with more than ${MAX_ANSWER_BYTES} bytes`,
      };
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location');
      return {
        accepted: false,
        code: 'http_error',
        httpStatus: res.status,
        message: `${call.provider} answered ${
          res.status
        } to ${target}, a redirect${
          location ? ` to ${redactUrl(new URL(location, call.url).href)}` : ''
        } that is not followed: check the URL`,
      };
    }
    return { ok: true, status: res.status, headers: res.headers, text };
  } catch (error) {
    if (controller.signal.aborted) {
      return {
        accepted: false,
        code: 'timeout',
        message: `${call.provider} did not answer ${target} within ${call.timeoutMs} ms`,
      };
    }
    const cause = (error as { cause?: { code?: unknown; message?: unknown } })
      ?.cause;
    let detail = String((error as Error)?.message ?? error);
    if (typeof cause?.code === 'string') {
      detail = cause.code;
    } else if (typeof cause?.message === 'string') {
      detail = cause.message;
    }
    return {
      accepted: false,
      code: 'unreachable',
      message: `${call.provider} could not be reached (${target}): ${clean(
        detail,
        call.secrets,
      )}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, or undefined once it passes `maxBytes`. */
async function readBounded(
  res: Response,
  maxBytes: number,
): Promise<string | undefined> {
  if (!res.body) {
    return '';
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a 2xx JSON body, or explains why it could not. */
export function parseJson(
  call: Pick<ProviderCall, 'provider' | 'method' | 'url'>,
  response: ProviderResponse,
): { value: unknown } | ExecutorFailed {
  try {
    return { value: JSON.parse(response.text) };
  } catch {
    return {
      accepted: false,
      code: 'invalid_response',
      httpStatus: response.status,
      message: `${call.provider} answered ${response.status} to ${
        call.method
      } ${redactUrl(call.url)} with a body that is not JSON`,
    };
  }
}

/**
 * {@link callProvider}, with any answer but a 2xx turned into an
 * {@link ExecutorFailed} (`http_error`, the provider's message).
 */
export async function callProviderOk(
  call: ProviderCall,
): Promise<ProviderResponse | ExecutorFailed> {
  const response = await callProvider(call);
  if (!('ok' in response)) {
    return response;
  }
  if (response.status < 200 || response.status >= 300) {
    return httpError(call, response.status, response.text);
  }
  return response;
}

/**
 * POSTs a JSON body signed with `X-OpsHub-Signature-256: sha256=<hex
 * HMAC-SHA256>` and a fresh `X-OpsHub-Delivery` UUID: the request of the
 * generic deployment and preview executors. Only a 2xx is accepted.
 */
export function postSignedJson(options: {
  provider: string;
  url: string;
  secret: string;
  body: string;
  timeoutMs: number;
}): Promise<ProviderResponse | ExecutorFailed> {
  return callProviderOk({
    provider: options.provider,
    method: 'POST',
    url: options.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'OpsHub-Deployment-Rollback',
      'x-opshub-delivery': randomUUID(),
      'x-opshub-signature-256': signWebhookBody(options.secret, options.body),
    },
    body: options.body,
    timeoutMs: options.timeoutMs,
    secrets: [options.secret],
  });
}

/**
 * `externalId` and an http(s) `url` from a 2xx JSON body of a generic
 * deployer, if it has them.
 */
export function acceptedDetails(text: string): {
  externalId?: string;
  url?: string;
} {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof body !== 'object' || body === null) {
    return {};
  }
  const { externalId, url } = body as Record<string, unknown>;
  const details: { externalId?: string; url?: string } = {};
  if (
    (typeof externalId === 'string' && externalId) ||
    typeof externalId === 'number'
  ) {
    details.externalId = String(externalId).slice(0, 200);
  }
  if (typeof url === 'string' && /^https?:\/\//i.test(url)) {
    details.url = url.slice(0, 2000);
  }
  return details;
}
