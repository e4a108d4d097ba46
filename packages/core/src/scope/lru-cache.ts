/**
 * A bounded map that forgets the least recently used entry first: the cache of scope views, whose keys are
 * tenant and user ids (input, unbounded in number). A `Map` keeps insertion order, so touching an entry is a
 * delete and a set, and the oldest is the first key.
 */
export class LruCache<K, V> {
  readonly #max: number;
  readonly #entries = new Map<K, V>();

  /** @param max how many entries to keep (at least 1). */
  constructor(max: number) {
    this.#max = Math.max(1, Math.floor(max));
  }

  /** The entry at `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Store `value` as the most recently used entry; returns the entries pushed out past the bound. */
  set(key: K, value: V): V[] {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    const evicted: V[] = [];
    while (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next().value as K;
      evicted.push(this.#entries.get(oldest)!);
      this.#entries.delete(oldest);
    }
    return evicted;
  }

  /** Every entry, least recently used first. */
  values(): V[] {
    return [...this.#entries.values()];
  }

  /** Forget every entry; returns them. */
  clear(): V[] {
    const all = this.values();
    this.#entries.clear();
    return all;
  }

  /** How many entries are kept. */
  get size(): number {
    return this.#entries.size;
  }
}
