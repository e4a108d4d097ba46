import { injectLive, type Live } from '@strata/events';
import { injectable } from 'inversify';
import { LimitsConfig } from './sections.js';

/** The answer of {@link RateLimiter.take}. */
export interface RateDecision {
  readonly allowed: boolean;
  /** The limit in effect for this request. */
  readonly limit: number;
  /** Requests left in the current window after this one. */
  readonly remaining: number;
  /** When refused: seconds until the oldest counted request leaves the window. */
  readonly retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;
/** Sweep idle clients every this many calls, so the map does not grow with every address ever seen. */
const SWEEP_EVERY = 1_000;

/**
 * A sliding-window rate limiter per client: at most `limits.requestsPerMinute` requests in any 60 seconds.
 * It reads the limit from the live handle at every call, so an edited limit applies to the next request,
 * counting the requests already made in the window.
 */
@injectable()
export class RateLimiter {
  readonly #requests = new Map<string, number[]>();
  #calls = 0;

  constructor(@injectLive(LimitsConfig) private readonly limits: Live<LimitsConfig>) {}

  /** Count one request of `client` at `now` (ms), unless the client is over the limit. */
  take(client: string, now: number = Date.now()): RateDecision {
    const limit = this.limits.current.requestsPerMinute;
    if (++this.#calls % SWEEP_EVERY === 0) this.#sweep(now);
    const times = this.#requests.get(client) ?? [];
    const recent = times.filter((t) => t > now - WINDOW_MS);
    if (recent.length >= limit) {
      this.#requests.set(client, recent);
      const oldest = recent[recent.length - limit] ?? now;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
      return { allowed: false, limit, remaining: 0, retryAfterSeconds };
    }
    recent.push(now);
    this.#requests.set(client, recent);
    return { allowed: true, limit, remaining: limit - recent.length, retryAfterSeconds: 0 };
  }

  #sweep(now: number): void {
    for (const [client, times] of this.#requests) {
      if (times.every((t) => t <= now - WINDOW_MS)) this.#requests.delete(client);
    }
  }
}
