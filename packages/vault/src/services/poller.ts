import { backoffDelay, jitteredInterval } from '../calculations/backoff-delay.js';

/** Settings of a {@link Poller}. */
export interface PollerOptions {
  readonly intervalMs: number;
  readonly baseDelayMs: number;
  /** One poll; resolves false when it failed. Never rejects. */
  readonly run: () => Promise<boolean>;
}

/**
 * Runs a poll every interval (±10% jitter). After a failure it retries sooner, with exponential backoff
 * capped at the interval, so a short outage is over quickly. Timers never keep the process alive.
 */
export class Poller {
  readonly #options: PollerOptions;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #stopped = false;

  constructor(options: PollerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#schedule(jitteredInterval(this.#options.intervalMs));
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    const ok = await this.#options.run();
    const { intervalMs, baseDelayMs } = this.#options;
    if (ok) {
      this.#failures = 0;
      this.#schedule(jitteredInterval(intervalMs));
      return;
    }
    this.#failures += 1;
    const backoff = Math.max(baseDelayMs, backoffDelay(this.#failures + 1, baseDelayMs, intervalMs));
    this.#schedule(Math.min(jitteredInterval(intervalMs), backoff));
  }
}
