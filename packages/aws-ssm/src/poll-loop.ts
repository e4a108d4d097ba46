import type { Disposable } from '@strata/core';
import { backoffDelay, jitteredInterval, type ResolvedBackoff } from './poll-delay.js';

/** Options of {@link PollLoop}. */
export interface PollLoopOptions {
  readonly intervalMs: number;
  readonly backoff: ResolvedBackoff;
  /** One poll: true when it worked, false when it failed. Aborted when the loop is disposed. */
  readonly poll: (signal: AbortSignal) => Promise<boolean>;
}

/**
 * Runs `poll` every interval (jittered) and, after failures, after an exponential backoff instead. One poll at
 * a time; timers are unref'd so polling never keeps a process alive.
 */
export class PollLoop implements Disposable {
  readonly #options: PollLoopOptions;
  readonly #controller = new AbortController();
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #stopped = false;

  constructor(options: PollLoopOptions) {
    this.#options = options;
    this.#schedule(jitteredInterval(options.intervalMs));
  }

  /** Stop polling and abort a poll in flight. */
  dispose(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#controller.abort();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    let ok = false;
    try {
      ok = await this.#options.poll(this.#controller.signal);
    } catch {
      ok = false;
    }
    if (ok) {
      this.#failures = 0;
      this.#schedule(jitteredInterval(this.#options.intervalMs));
    } else {
      this.#failures += 1;
      this.#schedule(backoffDelay(this.#failures, this.#options.backoff));
    }
  }
}
