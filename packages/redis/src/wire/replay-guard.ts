/**
 * Remembers the nonces of recent messages so that a copy of one (re-added to the stream by anyone who can
 * write to Redis) is dropped, and drops messages too old to be remembered. Memory is bounded: a nonce is
 * forgotten once its message would be too old anyway.
 */
export class ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #maxAgeMs: number;

  constructor(maxAgeMs: number) {
    this.#maxAgeMs = maxAgeMs;
  }

  /**
   * `'ok'` the first time a nonce is offered within the age window, `'replayed'` for a nonce already seen,
   * `'expired'` for a message sent more than the window ago (or further than the window in the future).
   */
  check(id: string, sentAt: number, now: number): 'ok' | 'replayed' | 'expired' {
    this.#forget(now);
    if (Math.abs(now - sentAt) > this.#maxAgeMs) return 'expired';
    if (this.#seen.has(id)) return 'replayed';
    this.#seen.set(id, sentAt);
    return 'ok';
  }

  #forget(now: number): void {
    // Insertion order is close to send order; stop at the first nonce still inside the window.
    for (const [id, sentAt] of this.#seen) {
      if (now - sentAt <= this.#maxAgeMs) break;
      this.#seen.delete(id);
    }
  }
}
