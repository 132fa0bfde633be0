import { SignalApi } from '@backstage/plugin-signals-react';

type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A signal API whose messages the test sends with `emit`. */
export class FakeSignalApi implements SignalApi {
  private readonly listeners = new Map<string, Set<(m: JsonObject) => void>>();

  subscribe<T extends JsonObject = JsonObject>(
    channel: string,
    onMessage: (message: T) => void,
  ) {
    const set = this.listeners.get(channel) ?? new Set();
    const listener = onMessage as (m: JsonObject) => void;
    set.add(listener);
    this.listeners.set(channel, set);
    return { unsubscribe: () => set.delete(listener) };
  }

  subscribers(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  /** Delivers a message; wrap it in `act` in a component test. */
  emit(channel: string, message: object) {
    for (const listener of this.listeners.get(channel) ?? []) {
      listener({ ...(message as JsonObject) });
    }
  }
}
