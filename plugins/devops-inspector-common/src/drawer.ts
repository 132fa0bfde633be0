import { ActivityEntry } from './types';

/**
 * Memory of the backend process, from `process.memoryUsage()`, in bytes.
 *
 * @public
 */
export interface ProcessMemory {
  /** Resident set size: all memory the process holds. */
  rssBytes: number;
  /** V8 heap in use. */
  heapUsedBytes: number;
  /** V8 heap allocated. */
  heapTotalBytes: number;
  /** Memory of C++ objects bound to JavaScript objects. */
  externalBytes: number;
  /** Memory of `ArrayBuffer`s and `SharedArrayBuffer`s, included in external. */
  arrayBuffersBytes: number;
}

/**
 * Event-loop delay measured by `perf_hooks.monitorEventLoopDelay` over the
 * last completed window (or the current one before the first completes).
 * The delay figures are `null` when the window holds no sample yet.
 *
 * @public
 */
export interface EventLoopDelay {
  /** Length of the window the figures cover, in seconds. */
  windowSeconds: number;
  /** Mean delay, in ms. */
  meanMs: number | null;
  /** 99th percentile of the delay, in ms. */
  p99Ms: number | null;
  /** Longest delay, in ms. */
  maxMs: number | null;
}

/**
 * HTTP requests served by the backend process (every HTTP server of the
 * process, all plugins), counted from Node's `http.server.request.start` and
 * `http.server.response.finish` diagnostics channels since `since`.
 *
 * @public
 */
export interface ProcessRequestCounts {
  /** When counting started (the plugin's start), ISO 8601. */
  since: string;
  /** Requests received. */
  started: number;
  /** Responses sent completely; requests aborted before that are not. */
  completed: number;
  /** Completed with a 4xx status. */
  clientErrors: number;
  /** Completed with a 5xx status. */
  serverErrors: number;
  /** `serverErrors / completed`, from 0 to 1; `null` before any response. */
  errorRate: number | null;
}

/**
 * `GET /process`: measured figures of this backend process.
 *
 * @public
 */
export interface BackendProcessMetrics {
  /** ISO 8601 time of the reading. */
  measuredAt: string;
  /** `process.uptime()`, whole seconds. */
  uptimeSeconds: number;
  /** Memory of the process. */
  memory: ProcessMemory;
  /** Event-loop delay of the last window. */
  eventLoop: EventLoopDelay;
  /** HTTP requests since the plugin started. */
  requests: ProcessRequestCounts;
}

/**
 * `GET /actions`: which of the drawer's quick actions the caller may run,
 * each decided by its own permission.
 *
 * @public
 */
export interface QuickActionPermissions {
  /** `devops-inspector.cache.clear`. */
  clearCache: boolean;
  /** `devops-inspector.activity.export`. */
  exportActivity: boolean;
}

/**
 * `POST /actions/clear-cache`: what was cleared, in words.
 *
 * @public
 */
export interface ClearCacheResult {
  /** One entry per cache, e.g. `read-only connection pools (dev, uat)`. */
  cleared: string[];
}

/**
 * The formats of `GET /activity/export`.
 *
 * @public
 */
export const ACTIVITY_EXPORT_FORMATS = ['json', 'csv'] as const;

/**
 * A format of `GET /activity/export`.
 *
 * @public
 */
export type ActivityExportFormat = (typeof ACTIVITY_EXPORT_FORMATS)[number];

/**
 * The most entries one export holds; the newest are kept.
 *
 * @public
 */
export const ACTIVITY_EXPORT_MAX_ROWS = 10_000;

/**
 * `GET /activity/export?format=json`: the activity log of a time range,
 * newest first.
 *
 * @public
 */
export interface ActivityExport {
  /** Start of the range, inclusive, ISO 8601. */
  from: string;
  /** End of the range, exclusive, ISO 8601. */
  to: string;
  /** When the export was made, ISO 8601. */
  exportedAt: string;
  /** True when the range held more than {@link ACTIVITY_EXPORT_MAX_ROWS}. */
  truncated: boolean;
  /** The entries, newest first. */
  items: ActivityEntry[];
}
