/*
 * The demo deployer: DEVELOPMENT ONLY. `./opshub start` (NODE_ENV=development)
 * starts it inside the backend process; production never loads this file.
 *
 * It stands in for a real CD system behind the deployment-rollback plugin's
 * `generic` executor (app-config.yaml, deploymentRollback.environments): it
 * accepts the executor's signed `POST /deploy`, then reports the deployment
 * back through the signed generic status webhook
 * (`POST /api/deployment-rollback/webhooks/generic`, X-OpsHub-Signature-256
 * with OPSHUB_WEBHOOK_SECRET): `in_progress` after a second, `succeeded` a
 * few seconds later. It deploys nothing.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'crypto';
import http from 'http';
import { AddressInfo } from 'net';

/** What the generic executor POSTs (plugins/deployment-rollback-node README). */
interface ExecutorRequest {
  action: 'deploy' | 'rollback';
  deploymentId: number;
  service: string;
  environment: string;
  version: string;
  targetVersion?: string;
  actor?: string;
}

export interface DemoDeployerOptions {
  /** 0 picks a free port. */
  port: number;
  /** The key the executor signs its requests with. */
  deployerSecret: string;
  /** The generic webhook secret the reports are signed with. */
  webhookSecret: string;
  /**
   * The generic status webhook to report to. The request's own
   * `callbackUrl` is not followed: the deployer reports only to this backend.
   */
  callbackUrl: string;
  /** Delays of the two reports, in ms. */
  inProgressAfterMs?: number;
  succeededAfterMs?: number;
  log?: (message: string) => void;
}

const MAX_BODY = 64 * 1024;

function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function signatureMatches(secret: string, body: Buffer, header?: string) {
  if (!header) return false;
  const expected = Buffer.from(sign(secret, body.toString('utf8')));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function parseRequest(body: Buffer): ExecutorRequest | undefined {
  try {
    const value = JSON.parse(body.toString('utf8'));
    if (
      value &&
      (value.action === 'deploy' || value.action === 'rollback') &&
      Number.isInteger(value.deploymentId) &&
      typeof value.service === 'string' &&
      typeof value.environment === 'string' &&
      typeof value.version === 'string'
    ) {
      return value as ExecutorRequest;
    }
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * Starts the demo deployer; resolves with its URL and a `close()`.
 */
export async function startDemoDeployer(options: DemoDeployerOptions) {
  const log = options.log ?? (() => {});
  const timers = new Set<NodeJS.Timeout>();

  const report = async (
    request: ExecutorRequest,
    status: 'in_progress' | 'succeeded',
  ) => {
    const body = JSON.stringify({
      // the executor's external id is the OpsHub deployment id
      id: String(request.deploymentId),
      service: request.service,
      environment: request.environment,
      version:
        request.action === 'rollback' && request.targetVersion
          ? request.targetVersion
          : request.version,
      status,
      author: 'opshub-demo-deployer',
      ...(status === 'succeeded'
        ? { finishedAt: new Date().toISOString() }
        : {}),
    });
    const url = options.callbackUrl;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-opshub-delivery': randomUUID(),
          'x-opshub-signature-256': sign(options.webhookSecret, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      log(
        `demo deployer: reported ${status} of deployment ${request.deploymentId}: ${res.status}`,
      );
    } catch (error) {
      log(
        `demo deployer: could not report deployment ${request.deploymentId}: ${
          (error as Error).message
        }`,
      );
    }
  };

  const later = (ms: number, fn: () => Promise<void>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    timers.add(timer);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      const answer = (status: number, message: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(message));
      };
      if (req.method !== 'POST' || req.url !== '/deploy') {
        answer(404, { error: 'POST /deploy only' });
        return;
      }
      const body = Buffer.concat(chunks);
      if (size > MAX_BODY) {
        answer(413, { error: 'body too large' });
        return;
      }
      const signature = req.headers['x-opshub-signature-256'];
      if (
        !signatureMatches(
          options.deployerSecret,
          body,
          typeof signature === 'string' ? signature : undefined,
        )
      ) {
        answer(401, { error: 'bad or missing X-OpsHub-Signature-256' });
        return;
      }
      const request = parseRequest(body);
      if (!request) {
        answer(400, { error: 'expected the generic executor body' });
        return;
      }
      log(
        `demo deployer: ${request.action} ${request.service} ${
          request.targetVersion ?? request.version
        } to ${request.environment} (deployment ${request.deploymentId})`,
      );
      later(options.inProgressAfterMs ?? 1000, () =>
        report(request, 'in_progress'),
      );
      later(options.succeededAfterMs ?? 5000, () =>
        report(request, 'succeeded'),
      );
      answer(202, { externalId: String(request.deploymentId) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/deploy`,
    close: () =>
      new Promise<void>(resolve => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
