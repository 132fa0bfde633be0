import {
  BackendProcessMetrics,
  EventLoopDelay,
} from '@opshub/plugin-devops-inspector-common';
import diagnosticsChannel from 'diagnostics_channel';
import { monitorEventLoopDelay } from 'perf_hooks';

/**
 * Node's diagnostics channels of its HTTP server (Node 18.7+/20): a request
 * arrived, a response was sent completely. They cover every HTTP (and
 * HTTPS) server of the process, whoever created it.
 */
const REQUEST_START_CHANNEL = 'http.server.request.start';
const RESPONSE_FINISH_CHANNEL = 'http.server.response.finish';

const NS_PER_MS = 1e6;

/**
 * What `GET /process` needs.
 *
 * @internal
 */
export interface ProcessMetricsSource {
  read(): BackendProcessMetrics;
}

function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * Measures this Node.js process: memory from `process.memoryUsage()`,
 * event-loop delay with `perf_hooks.monitorEventLoopDelay` over fixed
 * windows, and the HTTP requests of every server of the process through
 * Node's diagnostics channels. Nothing is estimated: a figure without a
 * measurement is `null`.
 *
 * The histogram samples a timer every `resolutionMs`; a sample is the time
 * between two ticks, so the delay reported is the sample minus the
 * resolution (at least 0), as `@fastify/under-pressure` computes it.
 *
 * @internal
 */
export class ProcessMetricsCollector implements ProcessMetricsSource {
  private readonly windowMs: number;
  private readonly resolutionMs: number;
  private readonly now: () => number;
  private histogram?: ReturnType<typeof monitorEventLoopDelay>;
  private timer?: NodeJS.Timeout;
  private windowStartedAt = 0;
  private lastWindow?: EventLoopDelay;
  private since = 0;
  private started = 0;
  private completed = 0;
  private clientErrors = 0;
  private serverErrors = 0;

  private readonly onRequestStart = () => {
    this.started += 1;
  };

  private readonly onResponseFinish = (message: unknown) => {
    const status = (message as { response?: { statusCode?: unknown } })
      ?.response?.statusCode;
    this.completed += 1;
    if (typeof status === 'number') {
      if (status >= 500) {
        this.serverErrors += 1;
      } else if (status >= 400) {
        this.clientErrors += 1;
      }
    }
  };

  constructor(
    options: {
      /** Length of an event-loop window; defaults to 10 s (the drawer's refresh). */
      windowMs?: number;
      /** Sampling interval of the event-loop histogram; defaults to 10 ms. */
      resolutionMs?: number;
      now?: () => number;
    } = {},
  ) {
    this.windowMs = options.windowMs ?? 10_000;
    this.resolutionMs = options.resolutionMs ?? 10;
    this.now = options.now ?? Date.now;
  }

  /** Starts measuring; a second call does nothing. */
  start(): this {
    if (this.histogram) {
      return this;
    }
    this.since = this.now();
    diagnosticsChannel.subscribe(REQUEST_START_CHANNEL, this.onRequestStart);
    diagnosticsChannel.subscribe(
      RESPONSE_FINISH_CHANNEL,
      this.onResponseFinish,
    );
    this.histogram = monitorEventLoopDelay({ resolution: this.resolutionMs });
    this.histogram.enable();
    this.windowStartedAt = this.now();
    this.timer = setInterval(() => this.closeWindow(), this.windowMs);
    // never keeps the process alive
    this.timer.unref();
    return this;
  }

  /** Stops measuring (tests); the counts stay readable. */
  stop(): void {
    if (!this.histogram) {
      return;
    }
    diagnosticsChannel.unsubscribe(REQUEST_START_CHANNEL, this.onRequestStart);
    diagnosticsChannel.unsubscribe(
      RESPONSE_FINISH_CHANNEL,
      this.onResponseFinish,
    );
    clearInterval(this.timer);
    this.histogram.disable();
    this.histogram = undefined;
  }

  read(): BackendProcessMetrics {
    const memory = process.memoryUsage();
    return {
      measuredAt: new Date(this.now()).toISOString(),
      uptimeSeconds: Math.floor(process.uptime()),
      memory: {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        externalBytes: memory.external,
        arrayBuffersBytes: memory.arrayBuffers,
      },
      // the last full window; before the first one closes, the current one
      eventLoop: this.lastWindow ?? this.currentWindow(),
      requests: {
        since: new Date(this.since || this.now()).toISOString(),
        started: this.started,
        completed: this.completed,
        clientErrors: this.clientErrors,
        serverErrors: this.serverErrors,
        errorRate: this.completed ? this.serverErrors / this.completed : null,
      },
    };
  }

  private currentWindow(): EventLoopDelay {
    const windowSeconds =
      Math.round((this.now() - this.windowStartedAt) / 100) / 10;
    const histogram = this.histogram;
    if (!histogram || histogram.count === 0) {
      return { windowSeconds, meanMs: null, p99Ms: null, maxMs: null };
    }
    const delay = (ns: number) =>
      roundMs(Math.max(0, ns / NS_PER_MS - this.resolutionMs));
    return {
      windowSeconds,
      meanMs: delay(histogram.mean),
      p99Ms: delay(histogram.percentile(99)),
      maxMs: delay(histogram.max),
    };
  }

  private closeWindow(): void {
    this.lastWindow = this.currentWindow();
    this.histogram?.reset();
    this.windowStartedAt = this.now();
  }
}

let shared: ProcessMetricsCollector | undefined;

/**
 * The collector of this process, started on first use: one per process
 * however many backends (tests) it runs, since it measures the process.
 *
 * @internal
 */
export function processMetrics(): ProcessMetricsCollector {
  if (!shared) {
    shared = new ProcessMetricsCollector().start();
  }
  return shared;
}
