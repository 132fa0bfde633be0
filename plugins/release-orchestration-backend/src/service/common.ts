import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  Progress,
  Release,
  ReleaseSignal,
  releaseSignalChannel,
  StepStatus,
} from '@opshub/plugin-release-orchestration-common';
import { ReleaseStore } from '../database/ReleaseStore';

/** @internal */
export function staleError(what: string): ConflictError {
  return new ConflictError(`${what} was changed by someone else; reload`);
}

/** Throws 409 unless the caller read the current version. @internal */
export function expectVersion(
  current: { version: number },
  expected: number,
  what: string,
): void {
  if (current.version !== expected) {
    throw staleError(what);
  }
}

/** @internal */
export async function requireRelease(
  store: ReleaseStore,
  id: number,
  options?: { lock?: boolean },
): Promise<Release> {
  const release = await store.getRelease(id, options);
  if (!release) {
    throw new NotFoundError(`No release with id ${id}`);
  }
  return release;
}

/** Refuses changes to the steps of a release that is not active. @internal */
export function expectActive(release: Release, action: string): void {
  if (release.status !== 'active') {
    throw new ConflictError(
      `Release ${release.id} is ${release.status}; ${action} needs an active release`,
    );
  }
}

/** Refuses changes to an archived release. @internal */
export function expectNotArchived(release: Release): void {
  if (release.status === 'archived') {
    throw new ConflictError(
      `Release ${release.id} is archived and can no longer be changed`,
    );
  }
}

/** PostgreSQL 23505 or a SQLite UNIQUE/PRIMARY KEY failure. @internal */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) {
    return false;
  }
  return (
    e.code === '23505' ||
    (typeof e.code === 'string' &&
      /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(e.code)) ||
    /UNIQUE constraint failed/.test(e.message ?? '')
  );
}

/** @internal */
export function emptyProgress(): Progress {
  return { total: 0, pending: 0, done: 0, skipped: 0, reverted: 0, percent: 0 };
}

/** Adds `count` steps of `status` to `progress`, in place. @internal */
export function addToProgress(
  progress: Progress,
  status: StepStatus,
  count: number,
): void {
  progress[status] += count;
  progress.total += count;
  progress.percent =
    progress.total === 0
      ? 0
      : Math.floor(((progress.done + progress.skipped) * 100) / progress.total);
}

type SignalMessage = Parameters<SignalsService['publish']>[0]['message'];

/**
 * Publishes changes on `release-orchestration:release:<id>`. A failure to
 * publish is logged, never fails the change, which is already committed.
 *
 * @internal
 */
export class ReleaseSignals {
  constructor(
    private readonly signals?: SignalsService,
    private readonly logger?: LoggerService,
  ) {}

  async publish(signal: ReleaseSignal): Promise<void> {
    if (!this.signals) {
      return;
    }
    const message = JSON.parse(JSON.stringify(signal)) as SignalMessage;
    try {
      await this.signals.publish({
        recipients: { type: 'broadcast' },
        channel: releaseSignalChannel(signal.releaseId),
        message,
      });
    } catch (error) {
      this.logger?.warn(
        `Could not publish ${signal.type} of release ${signal.releaseId}: ${error}`,
      );
    }
  }
}
