import {
  HealthCheckKind,
  HealthCheckSettings,
  HealthSampleStatus,
} from '@opshub/plugin-infra-health-common';

/**
 * What one probe needs to know about a check. `kind` is `http` when absent.
 *
 * @internal
 */
export interface ProbeTarget {
  kind?: HealthCheckKind;
  /** The target as given, credentials included. */
  url: string;
  method: string;
  expectedStatus: number;
  timeoutMs: number;
  degradedLatencyMs: number;
  settings?: HealthCheckSettings;
  /** http request headers; values may be secrets. */
  headers?: Record<string, string>;
}

/**
 * The outcome of one probe.
 *
 * @internal
 */
export interface ProbeResult {
  status: HealthSampleStatus;
  latencyMs: number;
  httpStatus: number | null;
  /** Why the probe is `down`; never contains a secret. */
  error: string | null;
  /** A note on an answered probe, e.g. why it is `degraded`. */
  detail?: string | null;
  /** tls: whole days until the certificate expires. */
  certDaysLeft?: number | null;
}

/**
 * Probes the checks of one kind. Never throws: a failure is a `down` result.
 *
 * @internal
 */
export interface CheckProber {
  readonly kind: HealthCheckKind;
  probe(target: ProbeTarget): Promise<ProbeResult>;
}

/** Latency in whole milliseconds since `started` (performance.now()). */
export function elapsedMs(started: number): number {
  return Math.round(performance.now() - started);
}

/** `up`, or `degraded` when slower than the check's threshold. */
export function answeredStatus(
  latencyMs: number,
  target: Pick<ProbeTarget, 'degradedLatencyMs'>,
): { status: HealthSampleStatus; detail: string | null } {
  return latencyMs > target.degradedLatencyMs
    ? {
        status: 'degraded',
        detail: `Answered in ${latencyMs} ms, above ${target.degradedLatencyMs} ms`,
      }
    : { status: 'up', detail: null };
}

/** The message of an unknown thrown value, with its code when it has one. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { message, code } = error as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message) {
      return typeof code === 'string' && !message.includes(code)
        ? `${code} (${message})`
        : message;
    }
  }
  return String(error);
}
