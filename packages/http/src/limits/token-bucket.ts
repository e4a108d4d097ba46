/** A clock in milliseconds; tests pass their own. */
export type Clock = () => number;

/**
 * A token bucket per key (a token name, or a peer address): `capacity` requests at once, refilled at
 * `perSecond`. Keys whose bucket is full again are forgotten, so the map does not grow with idle clients.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: Clock;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: { capacity: number; perSecond: number; now?: Clock }) {
    this.#capacity = options.capacity;
    this.#perMs = options.perSecond / 1000;
    this.#now = options.now ?? Date.now;
  }

  /** Take one token for `key`: 0 when granted, else the seconds to wait (for `Retry-After`). */
  take(key: string): number {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#capacity, at: now };
    bucket.tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.#buckets.set(key, bucket);
      this.#forgetFull(now);
      return 0;
    }
    this.#buckets.set(key, bucket);
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
  }

  #forgetFull(now: number): void {
    if (this.#buckets.size < 1024) return;
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.#capacity) this.#buckets.delete(key);
    }
  }
}
