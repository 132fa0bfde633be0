import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The machine running CI is small and shared: user-event typing and the
// first render of a material-table are slow there.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no ResizeObserver, which recharts' ResponsiveContainer needs; in
// tests it measures nothing, so observing is a no-op
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  (globalThis as { ResizeObserver?: unknown }).ResizeObserver =
    NoopResizeObserver;
}
