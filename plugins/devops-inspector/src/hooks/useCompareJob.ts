import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  CompareJob,
  CompareJobSignal,
  compareJobSignalChannel,
} from '@opshub/plugin-devops-inspector-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { devopsInspectorApiRef } from '../api';

/**
 * How long the hook waits for news of a running job (a signal or an answer)
 * before it asks `GET /compare/jobs/:id` itself.
 *
 * @internal
 */
export const COMPARE_JOB_POLL_MS = 1000;

const isRunning = (job: Pick<CompareJob, 'state'>) => job.state === 'running';

/**
 * The newer of two views of the same job. Signals and answers can arrive
 * out of order: a finished job never goes back to running, progress never
 * goes back, and a signal (which has no result) keeps the result we have.
 *
 * @internal
 */
export function mergeJob(
  current: CompareJob | undefined,
  next: CompareJob | CompareJobSignal,
): CompareJob {
  if (!current || current.id !== next.id) {
    return next;
  }
  if (!isRunning(current) && isRunning(next)) {
    return current;
  }
  if (
    isRunning(current) &&
    isRunning(next) &&
    next.progress.completed < current.progress.completed
  ) {
    return current;
  }
  if (!isRunning(current) && !isRunning(next) && !('result' in next)) {
    // a late signal of a job we already read in full
    return current.result ? current : { ...current, ...next };
  }
  return 'result' in next && next.result
    ? (next as CompareJob)
    : { ...next, result: current.result };
}

/** @internal */
export interface CompareJobState {
  /** The job being followed (or the last one), as last heard of. */
  job?: CompareJob;
  /** Starting, following or cancelling failed. */
  error?: Error;
  /** True from the click until the job has an id. */
  starting: boolean;
  cancelling: boolean;
  start(source: string, targets: string[]): Promise<void>;
  cancel(): Promise<void>;
}

/**
 * Runs a schema comparison as a job (`POST /compare/jobs`) and follows it:
 * each progress signal on `devops-inspector:compare-job:<id>` updates the
 * job at once, and when nothing has been heard for `pollMs` (no signals in
 * this app, a lost message) the hook reads `GET /compare/jobs/:id`. Once the
 * job succeeded it reads the job once more for the result. `cancel` sends
 * `DELETE /compare/jobs/:id`, which stops the job's queries.
 *
 * @internal
 */
export function useCompareJob(
  options: { pollMs?: number } = {},
): CompareJobState {
  const pollMs = options.pollMs ?? COMPARE_JOB_POLL_MS;
  const api = useApi(devopsInspectorApiRef);
  const signals = useApiHolder().get(signalApiRef);
  const [job, setJob] = useState<CompareJob>();
  const [error, setError] = useState<Error>();
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  // the job a late answer must belong to; a new start drops the old job
  const current = useRef<string>();

  const apply = useCallback((next: CompareJob | CompareJobSignal) => {
    if (next.id === current.current) {
      setJob(prev => mergeJob(prev, next));
    }
  }, []);

  const jobId = job?.id;
  const running = job !== undefined && isRunning(job);
  // follow while running, and until the result of a success is read
  const following =
    running || (job?.state === 'succeeded' && job.result === undefined);

  useEffect(() => {
    if (!jobId || !following) {
      return undefined;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped) {
        // eslint-disable-next-line @typescript-eslint/no-use-before-define
        timer = setTimeout(read, pollMs);
      }
    };
    const read = async () => {
      try {
        const answer = await api.getCompareJob(jobId);
        if (!stopped) {
          apply(answer);
          schedule();
        }
      } catch (e) {
        if (!stopped) {
          setError(e as Error);
        }
      }
    };
    const subscription = signals?.subscribe(
      compareJobSignalChannel(jobId),
      message => {
        if (!stopped) {
          apply(message as unknown as CompareJobSignal);
          schedule();
        }
      },
    );
    if (running) {
      schedule();
    } else {
      // it succeeded (we heard it by signal): read the result now
      read();
    }
    return () => {
      stopped = true;
      clearTimeout(timer);
      subscription?.unsubscribe();
    };
  }, [api, signals, apply, jobId, following, running, pollMs]);

  const start = useCallback(
    async (source: string, targets: string[]) => {
      current.current = undefined;
      setJob(undefined);
      setError(undefined);
      setStarting(true);
      try {
        const started = await api.startCompareJob(source, targets);
        current.current = started.id;
        setJob(started);
      } catch (e) {
        setError(e as Error);
      } finally {
        setStarting(false);
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    const id = current.current;
    if (!id) {
      return;
    }
    setCancelling(true);
    try {
      apply(await api.cancelCompareJob(id));
    } catch (e) {
      if (e instanceof ResponseError && e.statusCode === 409) {
        // it finished first: show how
        try {
          apply(await api.getCompareJob(id));
        } catch (again) {
          setError(again as Error);
        }
      } else {
        setError(e as Error);
      }
    } finally {
      setCancelling(false);
    }
  }, [api, apply]);

  return { job, error, starting, cancelling, start, cancel };
}
