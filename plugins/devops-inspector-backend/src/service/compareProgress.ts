import { CompareJobProgress } from '@opshub/plugin-devops-inspector-common';
import type { CompareRef } from './compareRef';

/**
 * Turns the steps of a comparison into {@link CompareJobProgress} updates
 * whose phases only move forward, delivered one at a time in order.
 *
 * @internal
 */
export class ProgressReporter {
  private readonly total: number;
  private readonly readDone: boolean[];
  private phase: CompareJobProgress['phase'] = 'source';
  private completed = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: CompareRef,
    private readonly targets: CompareRef[],
    private readonly listener?: (
      progress: CompareJobProgress,
    ) => Promise<void> | void,
  ) {
    this.total = 1 + targets.length * 2;
    this.readDone = new Array(1 + targets.length).fill(false);
    this.emit(
      source.snapshotId
        ? `Loading the source snapshot ${source.label}`
        : `Introspecting source ${source.label}`,
    );
  }

  /** Side `index` (0 = the source) has been read, or failed. */
  read(index: number) {
    this.readDone[index] = true;
    this.completed += 1;
    if (!this.readDone[0]) {
      this.emit(`Introspecting source ${this.source.label}`);
      return;
    }
    const next = this.readDone.indexOf(false, 1);
    if (next === -1) {
      // the diff phase starts with the first `diffing`
      this.emit(`Read ${this.targets.length + 1} schemas`);
      return;
    }
    this.phase = 'targets';
    const target = this.targets[next - 1];
    this.emit(
      `${target.snapshotId ? 'Loading' : 'Introspecting'} target ${next} of ${
        this.targets.length
      } (${target.label})`,
    );
  }

  diffing(index: number) {
    this.phase = 'diff';
    this.emit(
      `Comparing with target ${index + 1} of ${this.targets.length} (${
        this.targets[index].label
      })`,
    );
  }

  diffed(index: number) {
    this.phase = 'diff';
    this.completed += 1;
    this.emit(
      `Compared with target ${index + 1} of ${this.targets.length} (${
        this.targets[index].label
      })`,
    );
  }

  done() {
    this.phase = 'done';
    this.completed = this.total;
    this.emit(
      `Compared ${this.source.label} with ${this.targets.length} target${
        this.targets.length === 1 ? '' : 's'
      }`,
    );
  }

  /** Resolves when every update so far has been delivered. */
  flushed(): Promise<void> {
    return this.chain;
  }

  private emit(message: string) {
    const listener = this.listener;
    if (!listener) {
      return;
    }
    const progress: CompareJobProgress = {
      phase: this.phase,
      completed: this.completed,
      total: this.total,
      message,
    };
    // the listener handles its own failures; one that throws anyway must
    // not stop the updates after it
    this.chain = this.chain.then(() => listener(progress)).catch(() => {});
  }
}
