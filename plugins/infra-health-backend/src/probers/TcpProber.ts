import net from 'net';
import { performance } from 'perf_hooks';
import {
  answeredStatus,
  CheckProber,
  elapsedMs,
  errorMessage,
  ProbeResult,
  ProbeTarget,
} from './types';

/**
 * The host and port of a tcp or tls check: its settings, else its
 * `tcp://host:port` target.
 *
 * @internal
 */
export function hostAndPort(
  target: ProbeTarget,
  defaultPort?: number,
): { host: string; port: number } {
  const { host, port } = target.settings ?? {};
  if (host && port) return { host, port };
  const parsed = new URL(target.url);
  return {
    host: host ?? parsed.hostname.replace(/^\[|\]$/g, ''),
    port: port ?? (Number(parsed.port) || defaultPort || 0),
  };
}

/**
 * TCP checks: `up` when a connection to host and port opens within the
 * timeout (`degraded` when slower than the threshold), `down` when it is
 * refused, unreachable or times out. Nothing is sent.
 *
 * @internal
 */
export class TcpProber implements CheckProber {
  readonly kind = 'tcp' as const;

  probe(target: ProbeTarget): Promise<ProbeResult> {
    const started = performance.now();
    return new Promise<ProbeResult>(resolve => {
      let settled = false;
      const pending: { timer?: NodeJS.Timeout } = {};
      let socket: net.Socket | undefined;
      const finish = (result: ProbeResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(pending.timer);
        socket?.destroy();
        resolve(result);
      };
      const down = (error: string) =>
        finish({
          status: 'down',
          latencyMs: elapsedMs(started),
          httpStatus: null,
          error,
        });
      pending.timer = setTimeout(
        () => down(`Timed out after ${target.timeoutMs} ms`),
        target.timeoutMs,
      );
      try {
        const { host, port } = hostAndPort(target);
        socket = net.connect({ host, port });
        socket.once('connect', () => {
          const latencyMs = elapsedMs(started);
          finish({
            ...answeredStatus(latencyMs, target),
            latencyMs,
            httpStatus: null,
            error: null,
          });
        });
        socket.once('error', error =>
          down(`Connection failed: ${errorMessage(error)}`),
        );
      } catch (error) {
        down(`Connection failed: ${errorMessage(error)}`);
      }
    });
  }
}
