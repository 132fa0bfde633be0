import net from 'net';
import { performance } from 'perf_hooks';
import tls from 'tls';
import { hostAndPort } from './TcpProber';
import {
  CheckProber,
  elapsedMs,
  errorMessage,
  ProbeResult,
  ProbeTarget,
} from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The default of `warnDays`. @internal */
export const DEFAULT_TLS_WARN_DAYS = 14;

/**
 * TLS certificate checks: a TLS handshake with host, port and server name
 * (SNI). `down` when the handshake fails (including an untrusted chain,
 * unless `rejectUnauthorized` is false) or the certificate has expired;
 * `degraded` when it expires in fewer than `warnDays` days or the handshake
 * was slower than the threshold; else `up`. Every answered sample records
 * the days left.
 *
 * @internal
 */
export class TlsProber implements CheckProber {
  readonly kind = 'tls' as const;
  private readonly now: () => Date;

  constructor(options: { now?: () => Date } = {}) {
    this.now = options.now ?? (() => new Date());
  }

  probe(target: ProbeTarget): Promise<ProbeResult> {
    const started = performance.now();
    const settings = target.settings ?? {};
    const warnDays = settings.warnDays ?? DEFAULT_TLS_WARN_DAYS;
    return new Promise<ProbeResult>(resolve => {
      let settled = false;
      const pending: { timer?: NodeJS.Timeout } = {};
      let socket: tls.TLSSocket | undefined;
      const finish = (result: ProbeResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(pending.timer);
        socket?.destroy();
        resolve(result);
      };
      const down = (error: string, certDaysLeft: number | null = null) =>
        finish({
          status: 'down',
          latencyMs: elapsedMs(started),
          httpStatus: null,
          error,
          certDaysLeft,
        });
      pending.timer = setTimeout(
        () => down(`Timed out after ${target.timeoutMs} ms`),
        target.timeoutMs,
      );
      try {
        const { host, port } = hostAndPort(target, 443);
        const servername =
          settings.servername ?? (net.isIP(host) ? undefined : host);
        socket = tls.connect({
          host,
          port,
          servername,
          rejectUnauthorized: settings.rejectUnauthorized ?? true,
        });
        socket.once('secureConnect', () => {
          const latencyMs = elapsedMs(started);
          const cert = socket!.getPeerCertificate();
          if (!cert || !cert.valid_to) {
            down('The server sent no certificate');
            return;
          }
          const expiresAt = new Date(cert.valid_to);
          const msLeft = expiresAt.getTime() - this.now().getTime();
          const daysLeft = Math.floor(msLeft / DAY_MS);
          if (msLeft <= 0) {
            down(
              `The certificate expired on ${expiresAt.toISOString()}`,
              daysLeft,
            );
            return;
          }
          const expiry = `The certificate expires on ${expiresAt.toISOString()} (${daysLeft} days left)`;
          if (daysLeft < warnDays) {
            finish({
              status: 'degraded',
              latencyMs,
              httpStatus: null,
              error: null,
              detail: `${expiry}, fewer than ${warnDays}`,
              certDaysLeft: daysLeft,
            });
            return;
          }
          const slow = latencyMs > target.degradedLatencyMs;
          finish({
            status: slow ? 'degraded' : 'up',
            latencyMs,
            httpStatus: null,
            error: null,
            detail: slow
              ? `Handshake took ${latencyMs} ms, above ${target.degradedLatencyMs} ms`
              : expiry,
            certDaysLeft: daysLeft,
          });
        });
        socket.once('error', error =>
          down(`TLS handshake failed: ${errorMessage(error)}`),
        );
      } catch (error) {
        down(`TLS handshake failed: ${errorMessage(error)}`);
      }
    });
  }
}
