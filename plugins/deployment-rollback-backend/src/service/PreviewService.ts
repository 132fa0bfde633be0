import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  deploymentSignalChannel,
  Preview,
  PreviewSignal,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';
import { toPage } from '@opshub/opshub-node';
import type { PreviewExecutor } from '@opshub/plugin-deployment-rollback-node';
import {
  PreviewFilter,
  PreviewOutcome,
  PreviewStore,
  PreviewWork,
} from '../database/PreviewStore';

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/** A claim older than this was left by a crash and is taken over. */
const STALE_CLAIM_MS = 5 * 60_000;
/** A failed teardown is tried again after this long. */
const TEARDOWN_RETRY_MS = 5 * 60_000;
const BATCH = 20;

/**
 * Carries out what pull request webhooks asked of preview environments:
 * deploys the head commit through the configured preview executor, or
 * tears the preview down, and records the URL or the error. It runs right
 * after a webhook batch commits and from the scheduled sweep, so a crash
 * between the two loses nothing.
 *
 * @internal
 */
export class PreviewService {
  private running: Promise<number> | undefined;
  private again = false;

  constructor(
    private readonly options: {
      store: PreviewStore;
      executor?: PreviewExecutor;
      logger?: LoggerService;
      signals?: SignalsService;
    },
  ) {}

  /** Whether a preview executor is configured. */
  get configured(): boolean {
    return this.options.executor !== undefined;
  }

  async listPreviews(filter: PreviewFilter, page: PageQuery) {
    const { items, totalCount } = await this.options.store.listPreviews(
      filter,
      page,
    );
    return {
      ...toPage(items, totalCount, page),
      configured: this.configured,
    };
  }

  /** Runs the waiting executor calls soon; calls made meanwhile coalesce. */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.run().catch(error =>
      this.options.logger?.error(`Preview work failed: ${error}`),
    );
  }

  /**
   * Claims and carries out waiting preview work until none is left.
   * Resolves with how many previews it handled.
   */
  run(): Promise<number> {
    if (!this.running) {
      this.running = this.runAll().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
    }
    return this.running;
  }

  private async runAll(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = Date.now();
      const work = await this.options.store.claimWork({
        limit: BATCH,
        staleBefore: new Date(now - STALE_CLAIM_MS),
        retryBefore: new Date(now - TEARDOWN_RETRY_MS),
      });
      if (work.length === 0) {
        return handled;
      }
      for (const item of work) {
        const outcome = await this.carryOut(item);
        const preview = await this.options.store.completeWork(
          item.preview.id,
          item.generation,
          outcome,
        );
        handled += 1;
        if (preview) {
          this.logOutcome(preview);
          await this.publish(preview);
        }
      }
    }
  }

  private async carryOut(item: PreviewWork): Promise<PreviewOutcome> {
    const { executor } = this.options;
    const { preview } = item;
    if (item.action === 'teardown') {
      if (!item.externalId) {
        // nothing was ever deployed at a provider
        return { state: 'closed', executor: preview.executor, error: null };
      }
      if (!executor) {
        return {
          state: 'teardown_failed',
          executor: preview.executor,
          error:
            'No preview executor is configured (deploymentRollback.previews.executor): the preview cannot be torn down',
        };
      }
      const result = await executor.teardown({
        previewId: preview.id,
        service: preview.service,
        pullRequest: preview.pullRequest,
        externalId: item.externalId,
      });
      return result.accepted
        ? { state: 'closed', executor: executor.id, error: null }
        : {
            state: 'teardown_failed',
            executor: executor.id,
            error: result.message,
          };
    }
    if (!executor) {
      return {
        state: 'failed',
        executor: null,
        error:
          'No preview executor is configured (deploymentRollback.previews.executor)',
      };
    }
    const result = await executor.deploy({
      previewId: preview.id,
      service: preview.service,
      repository: preview.repository,
      pullRequest: preview.pullRequest,
      branch: preview.branch,
      commitSha: preview.commitSha,
      title: preview.title ?? undefined,
    });
    return result.accepted
      ? {
          state: 'deployed',
          executor: executor.id,
          url: result.url ?? null,
          externalId: result.externalId,
          error: null,
        }
      : { state: 'failed', executor: executor.id, error: result.message };
  }

  private logOutcome(preview: Preview) {
    const what = `Preview of ${preview.service} #${
      preview.pullRequest
    } (${preview.commitSha.slice(0, 7)})`;
    if (preview.error) {
      this.options.logger?.warn(`${what}: ${preview.state}: ${preview.error}`);
    } else {
      this.options.logger?.info(`${what}: ${preview.state}`);
    }
  }

  private async publish(preview: Preview) {
    const signal: PreviewSignal = {
      type: 'preview.changed',
      service: preview.service,
      previewId: preview.id,
      pullRequest: preview.pullRequest,
      state: preview.state,
    };
    try {
      await this.options.signals?.publish({
        recipients: { type: 'broadcast' },
        channel: deploymentSignalChannel(preview.service),
        message: signal as unknown as SignalMessage,
      });
    } catch (error) {
      this.options.logger?.warn(
        `Could not publish the change of preview ${preview.id}: ${error}`,
      );
    }
  }
}
