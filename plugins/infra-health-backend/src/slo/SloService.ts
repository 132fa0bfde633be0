import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Slo,
  SloDefinition,
  SloError,
  SloStatus,
} from '@opshub/plugin-infra-health-common';
import {
  BURN_RATE_WINDOWS,
  burnRate,
  errorBudgetRemaining,
  evaluateBurnRates,
} from './burnRate';
import { SliSource } from './sliSources';
import { SloStore } from './SloStore';
import { formatWindow, parseWindow } from './window';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** Chart bucket lengths, shortest first. */
const STEPS_MS = [1, 5, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10_080].map(
  minutes => minutes * MINUTE_MS,
);
/** At most this many chart points per SLO. */
const MAX_POINTS = 60;

/**
 * The bucket length of an SLO chart: the shortest step that splits the window
 * into at most 60 buckets; at least one hour for check SLOs, whose older data
 * are hourly rollups.
 *
 * @internal
 */
export function chartStepMs(windowMs: number, source: Slo['source']): number {
  const min = source === 'checks' ? HOUR_MS : 0;
  return (
    STEPS_MS.find(step => step >= min && windowMs / step <= MAX_POINTS) ??
    STEPS_MS[STEPS_MS.length - 1]
  );
}

/** @internal */
export const PROMETHEUS_NOT_CONFIGURED =
  'Prometheus not configured: set infraHealth.prometheus.baseUrl';

/**
 * SLOs: syncing the configured ones, CRUD of the API ones, and their SLI,
 * error budget, burn rates and chart from Prometheus or the health checks.
 * A source that fails gives that SLO an error state; the others still load.
 *
 * @internal
 */
export class SloService {
  private readonly store: SloStore;
  private readonly sources: Partial<Record<Slo['source'], SliSource>>;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    store: SloStore;
    /** `prometheus` is absent when infraHealth.prometheus is not configured. */
    sources: Partial<Record<Slo['source'], SliSource>>;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.store = options.store;
    this.sources = options.sources;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async syncConfigSlos(slos: SloDefinition[]): Promise<void> {
    const { added, updated, removed } = await this.store.syncConfigSlos(
      slos,
      this.now(),
    );
    this.logger.info(
      `Synced ${slos.length} SLOs from config: ${added.length} added, ${updated.length} updated, ${removed.length} removed`,
    );
  }

  /** SLOs with their figures, ordered by service then name. */
  async listSlos(filter: { service?: string }): Promise<SloStatus[]> {
    const slos = await this.store.listSlos(filter);
    const at = this.now();
    return Promise.all(slos.map(slo => this.evaluate(slo, at)));
  }

  async createSlo(slo: SloDefinition, actor: string): Promise<Slo> {
    const created = await this.store.createSlo(slo, actor, this.now());
    this.logger.info(`SLO '${created.name}' created by ${actor}`);
    return created;
  }

  /** ConflictError (409) for a config SLO, NotFoundError for none. */
  async updateSlo(id: number, slo: SloDefinition, actor: string): Promise<Slo> {
    await this.getEditable(id);
    const updated = await this.store.updateSlo(id, slo, this.now());
    this.logger.info(`SLO '${updated.name}' updated by ${actor}`);
    return updated;
  }

  /** ConflictError (409) for a config SLO, NotFoundError for none. */
  async deleteSlo(id: number, actor: string): Promise<void> {
    const slo = await this.getEditable(id);
    if (!(await this.store.deleteSlo(id))) {
      throw new NotFoundError(`No SLO with id ${id}`);
    }
    this.logger.info(`SLO '${slo.name}' deleted by ${actor}`);
  }

  private async getEditable(id: number): Promise<Slo> {
    const slo = await this.store.getSlo(id);
    if (!slo) throw new NotFoundError(`No SLO with id ${id}`);
    if (slo.origin === 'config') {
      throw new ConflictError(
        `SLO '${slo.name}' comes from app-config (infraHealth.slos) and is read-only; change it there`,
      );
    }
    return slo;
  }

  /** One SLO's figures at `at`; a failing source gives an error state. */
  async evaluate(slo: Slo, at: Date): Promise<SloStatus> {
    const windowMs = parseWindow(slo.window);
    const stepMs = chartStepMs(windowMs, slo.source);
    const empty = {
      ...slo,
      sli: null,
      errorBudgetRemaining: null,
      burnRates: [],
      rangeStep: formatWindow(stepMs),
      range: [],
    };
    const source = this.sources[slo.source];
    if (!source) {
      const error: SloError = {
        kind: 'not_configured',
        message: PROMETHEUS_NOT_CONFIGURED,
      };
      return { ...empty, error };
    }
    try {
      const windows = [...new Set([slo.window, ...BURN_RATE_WINDOWS])];
      const [values, range] = await Promise.all([
        Promise.all(
          windows.map(window => source.ratio(slo, parseWindow(window), at)),
        ),
        source.range(slo, new Date(at.getTime() - windowMs), at, stepMs),
      ]);
      const slis = new Map(windows.map((window, i) => [window, values[i]]));
      const sli = slis.get(slo.window) ?? null;
      return {
        ...empty,
        sli,
        errorBudgetRemaining: errorBudgetRemaining(sli, slo.objective),
        burnRates: evaluateBurnRates(slis, slo.objective),
        range: range.map(point => ({
          time: point.time.toISOString(),
          sli: point.sli,
          burnRate: burnRate(point.sli, slo.objective),
        })),
        error: null,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not evaluate SLO '${slo.name}': ${message}`);
      return { ...empty, error: { kind: 'error', message } };
    }
  }
}
