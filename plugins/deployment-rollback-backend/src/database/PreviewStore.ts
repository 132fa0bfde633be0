import {
  Preview,
  PreviewState,
} from '@opshub/plugin-deployment-rollback-common';
import { PageQuery } from '@opshub/opshub-common';

/** @internal */
export interface PreviewFilter {
  service?: string;
  pullRequest?: number;
  state?: PreviewState;
}

/**
 * A preview whose executor call an instance has claimed: deploy it
 * (`pending`) or tear it down (`closing`, or `teardown_failed` retried).
 *
 * @internal
 */
export interface PreviewWork {
  preview: Preview;
  action: 'deploy' | 'teardown';
  generation: number;
  /** The provider's id of the deployment to tear down. */
  externalId: string | null;
}

/** What an executor call made of a claimed preview. @internal */
export interface PreviewOutcome {
  state: Extract<
    PreviewState,
    'deployed' | 'failed' | 'closed' | 'teardown_failed'
  >;
  executor: string | null;
  url?: string | null;
  externalId?: string | null;
  error: string | null;
}

/**
 * Storage of preview environments. The webhook store writes what pull
 * requests ask for; this store lists previews and lets the preview service
 * claim and complete the executor calls.
 *
 * @internal
 */
export interface PreviewStore {
  listPreviews(
    filter: PreviewFilter,
    page: PageQuery,
  ): Promise<{ items: Preview[]; totalCount: number }>;
  /**
   * Claims up to `limit` previews that wait for an executor call: pending
   * or closing ones nobody holds (or whose claim is older than
   * `staleBefore`, left by a crash), and failed teardowns last tried before
   * `retryBefore`. Each is claimed by one instance only.
   */
  claimWork(options: {
    limit: number;
    staleBefore: Date;
    retryBefore: Date;
  }): Promise<PreviewWork[]>;
  /**
   * Records the outcome, unless a newer webhook changed the preview
   * meanwhile (another `generation`). Returns the preview when written.
   */
  completeWork(
    id: number,
    generation: number,
    outcome: PreviewOutcome,
  ): Promise<Preview | undefined>;
}
