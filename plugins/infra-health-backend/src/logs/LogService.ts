import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceLogs } from '@opshub/plugin-infra-health-common';
import { LogSource } from '@opshub/plugin-infra-health-node';

/** Lines since this long ago when the request names no `since`. */
export const DEFAULT_LOG_LOOKBACK_MS = 60 * 60 * 1000;

/**
 * Recent error and warning lines of a service from the log source (set
 * through `infraHealthLogSourceExtensionPoint` or `infraHealth.logs.opensearch`).
 * No source: `configured: false`. A failing source: an `error`, never a throw.
 *
 * @internal
 */
export class LogService {
  private readonly source?: LogSource;
  private readonly logger: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    source?: LogSource;
    logger: LoggerService;
    now?: () => Date;
  }) {
    this.source = options.source;
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async recentLines(query: {
    service: string;
    since?: Date;
    limit: number;
  }): Promise<ServiceLogs> {
    if (!this.source) {
      return { configured: false, source: null, lines: [], error: null };
    }
    const since =
      query.since ?? new Date(this.now().getTime() - DEFAULT_LOG_LOOKBACK_MS);
    try {
      const lines = await this.source.recentLines({
        service: query.service,
        levels: ['error', 'warning'],
        since,
        limit: query.limit,
      });
      return {
        configured: true,
        source: this.source.name,
        lines: lines.slice(0, query.limit),
        error: null,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `Could not read the logs of ${query.service} from ${this.source.name}: ${message}`,
      );
      return {
        configured: true,
        source: this.source.name,
        lines: [],
        error: message,
      };
    }
  }
}
