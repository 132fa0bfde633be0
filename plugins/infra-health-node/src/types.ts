/**
 * One log line as infra-health shows it.
 *
 * @public
 */
export interface LogLine {
  timestamp: string;
  level: 'error' | 'warning' | 'info' | 'debug' | 'unknown';
  message: string;
  /** where the line came from (host, pod, logger), when the source has it */
  source?: string;
}

/**
 * What infra-health asks a log source for: the recent lines of one service.
 *
 * @public
 */
export interface LogQuery {
  /** the service, as `opshub.io/health-service` names it */
  service: string;
  /** only these levels; every level when absent */
  levels?: Array<LogLine['level']>;
  /** lines at or after this time */
  since: Date;
  /** at most this many lines, newest first */
  limit: number;
  signal?: AbortSignal;
}

/**
 * A place infra-health reads recent log lines from.
 *
 * @public
 */
export interface LogSource {
  /** a short name for errors and the UI, e.g. `opensearch` */
  readonly name: string;
  recentLines(query: LogQuery): Promise<LogLine[]>;
}
