/**
 * The listeners of a configuration's events, by event name: what `config.on`/`off` need and nothing more.
 *
 * Why not an emitter library: core used four methods of eventemitter3 (on, off, listeners,
 * removeAllListeners) and never its `emit` (events are delivered by `Config`, which isolates a throwing
 * listener). Loading that package cost ~3–5 ms of every cold start; Node's own `EventEmitter` would add a
 * max-listeners warning and a special `error` event that configuration events must not have.
 */
export class ListenerRegistry<Events extends object> {
  readonly #byEvent = new Map<keyof Events, ((event: never) => void)[]>();

  /** Adds `listener` for `event` (added twice, it is called twice, like an emitter's `on`). */
  add<K extends keyof Events>(event: K, listener: (event: Events[K]) => void): void {
    const listeners = this.#byEvent.get(event);
    if (listeners) listeners.push(listener);
    else this.#byEvent.set(event, [listener]);
  }

  /** Removes one registration of `listener` for `event` (the latest, like an emitter's `off`). */
  remove<K extends keyof Events>(event: K, listener: (event: Events[K]) => void): void {
    const listeners = this.#byEvent.get(event);
    const at = listeners?.lastIndexOf(listener) ?? -1;
    if (at >= 0) listeners!.splice(at, 1);
    if (listeners?.length === 0) this.#byEvent.delete(event);
  }

  /**
   * A copy of the listeners of `event` in registration order: one that unsubscribes (or subscribes
   * another) while the event is delivered changes the next delivery, not this one.
   */
  listeners<K extends keyof Events>(event: K): ((event: Events[K]) => void)[] {
    return [...((this.#byEvent.get(event) ?? []) as ((event: Events[K]) => void)[])];
  }

  /** Removes every listener of every event. */
  clear(): void {
    this.#byEvent.clear();
  }
}
