import { LoggerService } from '@backstage/backend-plugin-api';
import { toCsv } from '@opshub/opshub-node';
import {
  ACTIVITY_EXPORT_MAX_ROWS,
  ActivityEntry,
  ActivityExport,
  ActivityExportFormat,
  ClearCacheResult,
} from '@opshub/plugin-devops-inspector-common';
import { ActivityStore } from '../database/ActivityStore';

/**
 * Something the backend keeps between requests and can forget.
 *
 * @internal
 */
export interface ClearableCache {
  /**
   * Forgets what it keeps and says what that was, in words (for example
   * `read-only connection pools (dev, uat)`).
   */
  clear(): string | Promise<string>;
}

/**
 * The time range and format of an activity export.
 *
 * @internal
 */
export interface ActivityExportQuery {
  format: ActivityExportFormat;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
}

/**
 * An export, ready to send as a download.
 *
 * @internal
 */
export interface ActivityExportFile {
  filename: string;
  contentType: string;
  body: string;
  /** Entries in the file. */
  count: number;
  /** True when the range held more than `ACTIVITY_EXPORT_MAX_ROWS`. */
  truncated: boolean;
}

/**
 * What the quick-action routes need.
 *
 * @internal
 */
export interface QuickActionSource {
  /** Clears every registered cache and records it for `actor`. */
  clearCache(actor: string): Promise<ClearCacheResult>;
  /**
   * The activity of the range (only of `environments` and of none), newest
   * first, at most `ACTIVITY_EXPORT_MAX_ROWS`; recorded for `actor`.
   */
  exportActivity(
    query: ActivityExportQuery,
    environments: readonly string[],
    actor: string,
  ): Promise<ActivityExportFile>;
}

const CSV_HEADER = [
  'id',
  'createdAt',
  'actor',
  'action',
  'environment',
  'details',
] as const;

function csvRow(entry: ActivityEntry) {
  return [
    entry.id,
    entry.createdAt,
    entry.actor,
    entry.action,
    entry.environment,
    entry.details === null ? null : JSON.stringify(entry.details),
  ];
}

/** `2026-11-21T09:00:00.000Z` as `20261121T090000Z`, for file names. */
function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * The drawer's quick actions: "Clear cache" and "Export logs". Each is
 * recorded in the activity log.
 *
 * @internal
 */
export class QuickActionService implements QuickActionSource {
  private readonly store: ActivityStore;
  private readonly caches: ClearableCache[];
  private readonly now: () => Date;
  private readonly logger?: LoggerService;

  constructor(options: {
    store: ActivityStore;
    /** What "Clear cache" clears, in this order. */
    caches: ClearableCache[];
    now?: () => Date;
    logger?: LoggerService;
  }) {
    this.store = options.store;
    this.caches = options.caches;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
  }

  async clearCache(actor: string): Promise<ClearCacheResult> {
    const cleared: string[] = [];
    for (const cache of this.caches) {
      cleared.push(await cache.clear());
    }
    this.logger?.info(`Caches cleared by ${actor}: ${cleared.join('; ')}`);
    await this.store.record({
      actor,
      action: 'cache.clear',
      details: { cleared },
    });
    return { cleared };
  }

  async exportActivity(
    query: ActivityExportQuery,
    environments: readonly string[],
    actor: string,
  ): Promise<ActivityExportFile> {
    const { format, from, to } = query;
    // one more than the cap tells whether the range held more
    const rows = await this.store.listBetween(
      { from, to },
      ACTIVITY_EXPORT_MAX_ROWS + 1,
      { environments },
    );
    const truncated = rows.length > ACTIVITY_EXPORT_MAX_ROWS;
    const items = truncated ? rows.slice(0, ACTIVITY_EXPORT_MAX_ROWS) : rows;
    await this.store.record({
      actor,
      action: 'activity.export',
      details: {
        format,
        from: from.toISOString(),
        to: to.toISOString(),
        count: items.length,
        truncated,
      },
    });
    const filename = `devops-inspector-activity-${fileStamp(from)}-${fileStamp(
      to,
    )}.${format}`;
    if (format === 'csv') {
      return {
        filename,
        contentType: 'text/csv; charset=utf-8',
        body: toCsv(CSV_HEADER, items.map(csvRow)),
        count: items.length,
        truncated,
      };
    }
    const body: ActivityExport = {
      from: from.toISOString(),
      to: to.toISOString(),
      exportedAt: this.now().toISOString(),
      truncated,
      items,
    };
    return {
      filename,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify(body, null, 2),
      count: items.length,
      truncated,
    };
  }
}
