import http from 'http';
import { AddressInfo } from 'net';
import { ProcessMetricsCollector, processMetrics } from './ProcessMetrics';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('ProcessMetricsCollector', () => {
  let server: http.Server;
  let baseUrl: string;
  let collector: ProcessMetricsCollector;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const status = Number(req.url?.slice(1)) || 200;
      res.statusCode = status;
      res.end(String(status));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    collector = new ProcessMetricsCollector({ windowMs: 300 }).start();
  });

  afterEach(() => collector.stop());

  it('counts the real requests of an http server, with 4xx and 5xx apart', async () => {
    expect(collector.read().requests).toMatchObject({
      started: 0,
      completed: 0,
      errorRate: null,
    });
    for (const path of ['/200', '/204', '/404', '/500', '/503', '/200']) {
      const res = await fetch(`${baseUrl}${path}`);
      await res.text();
    }
    const { requests } = collector.read();
    expect(requests).toMatchObject({
      started: 6,
      completed: 6,
      clientErrors: 1,
      serverErrors: 2,
    });
    expect(requests.errorRate).toBeCloseTo(2 / 6);
    expect(Date.parse(requests.since)).not.toBeNaN();
  });

  it('stops counting when stopped', async () => {
    collector.stop();
    await (await fetch(`${baseUrl}/500`)).text();
    expect(collector.read().requests.completed).toBe(0);
  });

  it('measures the event-loop delay of the last window, in ms', async () => {
    // an empty window has no figure rather than a made-up one
    expect(collector.read().eventLoop).toMatchObject({ meanMs: null });
    await sleep(100);
    const early = collector.read().eventLoop;
    expect(early.meanMs).toBeGreaterThanOrEqual(0);

    // block the event loop for 120 ms, then read until the window that
    // holds the block has closed (windows are 300 ms)
    const blockedUntil = Date.now() + 120;
    while (Date.now() < blockedUntil) {
      // busy
    }
    let eventLoop = collector.read().eventLoop;
    for (let i = 0; i < 40 && (eventLoop.maxMs ?? 0) < 80; i++) {
      await sleep(25);
      eventLoop = collector.read().eventLoop;
    }
    expect(eventLoop.windowSeconds).toBeGreaterThan(0);
    expect(eventLoop.meanMs).toBeGreaterThanOrEqual(0);
    expect(eventLoop.p99Ms).toBeGreaterThanOrEqual(0);
    expect(eventLoop.maxMs).toBeGreaterThanOrEqual(80);
    expect(eventLoop.maxMs).toBeLessThan(5000);
  });

  it('reads the memory of the process', () => {
    const { memory, uptimeSeconds } = collector.read();
    const actual = process.memoryUsage();
    expect(memory.rssBytes).toBeGreaterThan(actual.rss / 2);
    expect(memory.rssBytes).toBeLessThan(actual.rss * 2);
    expect(memory.heapUsedBytes).toBeGreaterThan(actual.heapUsed / 2);
    expect(memory.heapUsedBytes).toBeLessThanOrEqual(memory.heapTotalBytes);
    expect(uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe('processMetrics', () => {
  it('is one collector per process', () => {
    const first = processMetrics();
    expect(processMetrics()).toBe(first);
    first.stop();
  });
});
