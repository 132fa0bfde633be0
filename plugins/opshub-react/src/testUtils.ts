import { SignalApi } from '@backstage/plugin-signals-react';

type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/**
 * A signal API for tests, whose messages the test sends with `emit`
 * (synchronously: wrap it in `act` in a component test).
 *
 * @public
 */
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

  /** How many subscribers a channel has. */
  subscribers(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  /** Delivers a message to every subscriber of the channel. */
  emit(channel: string, message: object) {
    for (const listener of this.listeners.get(channel) ?? []) {
      listener({ ...(message as JsonObject) });
    }
  }
}
