/** A handle whose `current` value the application reads: `Live<T>` from `@strata/events`, or any such. */
export interface CurrentHandle<T> {
  readonly current: T;
}

/**
 * Counts reads of sections through the handles the application holds, never through `config.get`: a counted
 * handle's `current` getter adds one to a number in a plain object slot, and the metrics endpoint reads the
 * numbers when scraped. `config.get` and `snapshot.get` stay exactly as they are (no per-read cost on the hot
 * path for code that does not opt in); the cost of a counted read is one property increment.
 */
export class AccessCounter {
  readonly #counts = new Map<string, { value: number }>();

  /**
   * A handle that reads `handle.current` and counts the read under `section`.
   * @example const db = strata.access.count('database', live(config, DatabaseConfig));
   */
  count<T>(section: string, handle: CurrentHandle<T>): CurrentHandle<T> {
    let slot = this.#counts.get(section);
    if (!slot) {
      slot = { value: 0 };
      this.#counts.set(section, slot);
    }
    const counted = slot;
    return {
      get current(): T {
        counted.value++;
        return handle.current;
      },
    };
  }

  /** The reads counted so far, by section. */
  snapshot(): ReadonlyMap<string, number> {
    return new Map([...this.#counts].map(([section, slot]) => [section, slot.value]));
  }
}
