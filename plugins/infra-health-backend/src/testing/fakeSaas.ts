import http from 'http';
import { AddressInfo } from 'net';

/** A request one of the fake servers received. @internal */
export interface ReceivedRequest {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function listen(
  handler: (req: ReceivedRequest, res: http.ServerResponse) => void,
) {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const received = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      handler(received, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A small stand-in for a Slack incoming webhook
 * (https://api.slack.com/messaging/webhooks#handling_errors): POST JSON to
 * the webhook path; 200 `ok` for a message with text, 400 `invalid_payload`
 * for a body that is not JSON, 400 `no_text` without text, 404 `no_service`
 * for an unknown (revoked) webhook path, 403 `action_prohibited` for the
 * path `/services/prohibited`.
 *
 * @internal
 */
export async function startFakeSlack(
  webhookPath = '/services/T0001/B0001/s3cr3tSlackPath',
) {
  return listen((req, res) => {
    const reply = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(text);
    };
    if (req.method !== 'POST') return reply(405, 'invalid_request');
    if (req.url === '/services/prohibited')
      return reply(403, 'action_prohibited');
    if (req.url !== webhookPath) return reply(404, 'no_service');
    let body: { text?: unknown; blocks?: unknown };
    try {
      body = JSON.parse(req.body);
    } catch {
      return reply(400, 'invalid_payload');
    }
    if (typeof body.text !== 'string' || body.text.trim() === '') {
      return reply(400, 'no_text');
    }
    return reply(200, 'ok');
  }).then(server => ({ ...server, webhookUrl: `${server.url}${webhookPath}` }));
}

const PD_SEVERITIES = ['critical', 'error', 'warning', 'info'];

/**
 * A small stand-in for the PagerDuty Events API v2 `POST /v2/enqueue`
 * (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
 * 202 `{status: "success", message: "Event processed", dedup_key}` for a
 * valid trigger with a known routing key, 400 `{status: "invalid event",
 * message: "Event object is invalid", errors: [...]}` otherwise.
 *
 * @internal
 */
export async function startFakePagerDuty(routingKey: string) {
  return listen((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/v2/enqueue') {
      return reply(404, { status: 'not found' });
    }
    let event: Record<string, any>;
    try {
      event = JSON.parse(req.body);
    } catch {
      return reply(400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ['Invalid JSON'],
      });
    }
    const errors: string[] = [];
    if (event.routing_key !== routingKey)
      errors.push("'routing_key' is invalid");
    if (!['trigger', 'acknowledge', 'resolve'].includes(event.event_action)) {
      errors.push("'event_action' is invalid");
    }
    if (event.event_action === 'trigger') {
      const payload = event.payload ?? {};
      if (typeof payload.summary !== 'string' || !payload.summary) {
        errors.push("'payload.summary' is missing or blank");
      }
      if (typeof payload.source !== 'string' || !payload.source) {
        errors.push("'payload.source' is missing or blank");
      }
      if (!PD_SEVERITIES.includes(payload.severity)) {
        errors.push("'payload.severity' is invalid");
      }
    }
    if (event.dedup_key !== undefined && String(event.dedup_key).length > 255) {
      errors.push("'dedup_key' is too long");
    }
    if (errors.length) {
      return reply(400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors,
      });
    }
    return reply(202, {
      status: 'success',
      message: 'Event processed',
      dedup_key: event.dedup_key ?? 'generated-dedup-key',
    });
  });
}
