import { redact } from '@opshub/opshub-common';

/** @internal */
export type SendResult = { ok: true } | { ok: false; error: string };

const TIMEOUT_MS = 10_000;

/** The message of a failed request, without the secret URL or key. */
export function requestFailure(error: unknown, secrets: string[]): string {
  const failure = error as { name?: string; message?: string; cause?: unknown };
  if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError') {
    return `No answer within ${TIMEOUT_MS / 1000} s`;
  }
  const cause = failure?.cause as
    | { code?: string; message?: string }
    | undefined;
  const message = cause?.code
    ? `${cause.code} (${cause.message ?? ''})`
    : cause?.message ?? failure?.message ?? String(error);
  return redact(`Request failed: ${message}`, secrets);
}

/** Posts JSON with a timeout; the answer's status and (short) text. */
export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  const text = (await response.text()).slice(0, 500);
  return { status: response.status, text };
}

/**
 * Posts a message to a Slack incoming webhook
 * (https://api.slack.com/messaging/webhooks). Slack answers 200 `ok`, or an
 * error status with a short code such as `invalid_payload`, `no_text`,
 * `channel_not_found` or `no_service`. Never throws; the error never holds
 * the webhook URL.
 *
 * @internal
 */
export async function sendSlackMessage(
  webhookUrl: string,
  message: { text: string; blocks?: unknown[] },
): Promise<SendResult> {
  try {
    const { status, text } = await postJson(webhookUrl, message);
    if (status >= 200 && status < 300) return { ok: true };
    return {
      ok: false,
      error: redact(
        `Slack answered HTTP ${status}${text ? `: ${text.trim()}` : ''}`,
        [webhookUrl],
      ),
    };
  } catch (error) {
    return { ok: false, error: requestFailure(error, [webhookUrl]) };
  }
}
