import type { SignalApi } from '@backstage/plugin-signals-react';

/** A signal message (the SignalApi's JsonObject). */
type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A SignalApi that delivers what the test `send`s, counting open subscriptions per channel. */
export class FakeSignalApi implements SignalApi {
  readonly #subscribers = new Map<string, Set<(m: JsonObject) => void>>();

  subscribe<T extends JsonObject = JsonObject>(
    channel: string,
    onMessage: (message: T) => void,
  ) {
    const set = this.#subscribers.get(channel) ?? new Set();
    this.#subscribers.set(channel, set);
    const listener = onMessage as (m: JsonObject) => void;
    set.add(listener);
    return { unsubscribe: () => set.delete(listener) };
  }

  /** Open subscriptions on `channel`. */
  open(channel: string): number {
    return this.#subscribers.get(channel)?.size ?? 0;
  }

  send(channel: string, message: JsonObject): void {
    for (const listener of this.#subscribers.get(channel) ?? []) {
      listener(message);
    }
  }
}
