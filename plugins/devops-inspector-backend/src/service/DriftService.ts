import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { PageQuery } from '@opshub/opshub-common';
import {
  DRIFT_SIGNAL_CHANNEL,
  DriftRecord,
  DriftRecordPage,
  DriftSignal,
} from '@opshub/plugin-devops-inspector-common';
import {
  CatalogSnapshot,
  compareSnapshots,
  readCatalog,
} from '@opshub/schema-compare';
import { ActivityStore } from '../database/ActivityStore';
import { EnvironmentDatabases } from '../database/EnvironmentDatabases';
import { SnapshotStore } from '../database/SnapshotStore';
import { compressJson, decompressJson, snapshotLabel } from './SnapshotService';

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/** Who takes the scheduled snapshots, in `takenBy` and the activity log. */
export const DRIFT_ACTOR = 'plugin:devops-inspector';

/**
 * The scheduled drift check: snapshots an environment, compares the new
 * snapshot with the previous one (previous = source, new = target) and
 * records the outcome. Breaking drift is announced on the
 * `devops-inspector:drift` signal channel and, when recipients are
 * configured, by a Backstage notification.
 *
 * @internal
 */
export class DriftService {
  private readonly databases: EnvironmentDatabases;
  private readonly store: SnapshotStore;
  private readonly activity?: ActivityStore;
  private readonly signals?: SignalsService;
  private readonly notifications?: NotificationService;
  private readonly notifyRecipients: string[];
  private readonly logger?: LoggerService;
  private readonly now: () => Date;

  constructor(options: {
    databases: EnvironmentDatabases;
    store: SnapshotStore;
    activity?: ActivityStore;
    signals?: SignalsService;
    notifications?: NotificationService;
    notifyRecipients?: string[];
    logger?: LoggerService;
    now?: () => Date;
  }) {
    this.databases = options.databases;
    this.store = options.store;
    this.activity = options.activity;
    this.signals = options.signals;
    this.notifications = options.notifications;
    this.notifyRecipients = options.notifyRecipients ?? [];
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Runs one drift check of the environment. Returns the drift record, or
   * `undefined` for the environment's first snapshot (nothing to compare).
   */
  async check(environment: string): Promise<DriftRecord | undefined> {
    const catalog = await this.databases.read(environment, readCatalog);
    const takenAt = this.now();
    const snapshot = {
      environment,
      label: 'drift check',
      takenAt,
      takenBy: DRIFT_ACTOR,
      objectCount: catalog.objects.length,
      content: await compressJson(catalog),
    };
    const previous = await this.store.latestSnapshot(environment);
    if (!previous) {
      const first = await this.store.insertSnapshot(snapshot);
      this.logger?.info(
        `Drift check of ${environment}: first snapshot ${first.id}, nothing to compare yet`,
      );
      return undefined;
    }
    const result = compareSnapshots(
      await decompressJson<CatalogSnapshot>(previous.content),
      catalog,
      {
        source: snapshotLabel(previous.summary),
        target: environment,
        generatedAt: takenAt,
      },
    );
    const breaking = result.summary.bySeverity.breaking > 0;
    const { drift } = await this.store.insertSnapshotWithDrift(snapshot, {
      previousSnapshotId: previous.summary.id,
      checkedAt: takenAt,
      summary: result.summary,
      breaking,
    });
    this.logger?.info(
      `Drift check of ${environment}: ${
        result.summary.total
      } difference(s) since snapshot ${previous.summary.id}${
        breaking ? `, ${result.summary.bySeverity.breaking} breaking` : ''
      }`,
    );
    await this.activity?.record({
      actor: DRIFT_ACTOR,
      action: 'drift.check',
      environment,
      details: {
        driftId: drift.id,
        snapshotId: drift.snapshotId,
        previousSnapshotId: drift.previousSnapshotId,
        total: result.summary.total,
        breaking: result.summary.bySeverity.breaking,
      },
    });
    if (breaking) {
      await this.announce(drift);
    }
    return drift;
  }

  /** Newest first, of the given environments only. */
  async list(
    environments: readonly string[],
    page: PageQuery,
  ): Promise<DriftRecordPage> {
    const { items, total } = await this.store.listDrift({ environments }, page);
    return { items, total, limit: page.limit, offset: page.offset };
  }

  private async announce(drift: DriftRecord) {
    const message: DriftSignal = {
      id: drift.id,
      environment: drift.environment,
      snapshotId: drift.snapshotId,
      previousSnapshotId: drift.previousSnapshotId,
      checkedAt: drift.checkedAt,
      breaking: drift.breaking,
    };
    try {
      await this.signals?.publish({
        recipients: { type: 'broadcast' },
        channel: DRIFT_SIGNAL_CHANNEL,
        message: JSON.parse(JSON.stringify(message)) as SignalMessage,
      });
    } catch (error) {
      this.logger?.warn(
        `Could not publish the drift of ${drift.environment}: ${error}`,
      );
    }
    if (!this.notifications || this.notifyRecipients.length === 0) {
      return;
    }
    const count = drift.summary.bySeverity.breaking;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: this.notifyRecipients },
        payload: {
          title: `Breaking schema drift in ${drift.environment}`,
          description: `${count} breaking change${count === 1 ? '' : 's'} (of ${
            drift.summary.total
          }) since the previous snapshot.`,
          link: `/devops-inspector?environment=${encodeURIComponent(
            drift.environment,
          )}`,
          severity: 'high',
          topic: DRIFT_SIGNAL_CHANNEL,
          scope: `${DRIFT_SIGNAL_CHANNEL}:${drift.environment}`,
        },
      });
    } catch (error) {
      this.logger?.warn(
        `Could not send the drift notification of ${drift.environment}: ${error}`,
      );
    }
  }
}
