import { HealthCheckKind } from '@opshub/plugin-infra-health-common';
import {
  CheckProber,
  HttpProber,
  PostgresProber,
  ProbeResult,
  ProbeTarget,
  TcpProber,
  TlsProber,
} from '../probers';

export type { ProbeResult, ProbeTarget } from '../probers';

/**
 * Probes a check with the prober of its kind (`src/probers`): http, tcp, tls
 * and postgres. Never throws: a failing prober, or a kind without one, gives
 * a `down` result.
 *
 * @internal
 */
export class Prober {
  private readonly probers: Map<HealthCheckKind, CheckProber>;

  constructor(options: { fetch?: typeof fetch; probers?: CheckProber[] } = {}) {
    const probers = options.probers ?? [
      new HttpProber({ fetch: options.fetch }),
      new TcpProber(),
      new TlsProber(),
      new PostgresProber(),
    ];
    this.probers = new Map(probers.map(prober => [prober.kind, prober]));
  }

  async probe(target: ProbeTarget): Promise<ProbeResult> {
    const kind = target.kind ?? 'http';
    const prober = this.probers.get(kind);
    if (!prober) {
      return {
        status: 'down',
        latencyMs: 0,
        httpStatus: null,
        error: `No prober for checks of kind ${kind}`,
      };
    }
    try {
      return await prober.probe(target);
    } catch (error) {
      // probers do not throw; this keeps one broken prober from stopping a round
      return {
        status: 'down',
        latencyMs: 0,
        httpStatus: null,
        error: `The ${kind} prober failed`,
      };
    }
  }
}
