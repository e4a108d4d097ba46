import type { Disposable } from '../models/source.js';
import { backoffDelay } from './backoff-delay.js';
import { type BackoffPolicy, type ResolvedBackoffPolicy, resolveBackoff } from './backoff-policy.js';
import { jitterInterval } from './jitter-interval.js';
import { type PollClock, systemPollClock } from './poll-clock.js';
import type { PollHealth, PollState } from './poll-health.js';

/** What a successful attempt may tell the poller. */
export interface PollResult {
  /**
   * Wait exactly this long before the next attempt instead of the jittered interval: a lease renewed at
   * two thirds of its duration, a leader lease's next heartbeat.
   */
  readonly nextDelayMs?: number;
}

/** Options of {@link startPolling}. */
export interface PollingOptions {
  /**
   * One attempt. Resolve to succeed (optionally with a {@link PollResult}); throw or reject to fail. The
   * signal aborts when the poller is disposed or `signal` aborts: pass it to every request.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: so that a plain `async (signal) => { … }` fits.
  readonly poll: (signal: AbortSignal) => Promise<PollResult | void>;
  /** The wait between successful attempts, before jitter. Must be > 0. */
  readonly intervalMs: number;
  /** How far each wait may move from `intervalMs`, as a fraction of it (0.1: ±10%). @default 0.1 */
  readonly jitter?: number;
  /** The waits after failures: exponential with full jitter, capped. @default DEFAULT_BACKOFF */
  readonly backoff?: BackoffPolicy;
  /**
   * A wait the failed attempt's error asks for (HTTP `Retry-After`, a throttling hint), in ms, or
   * undefined. The poller waits at least that long, but never more than `backoff.maxDelayMs`.
   * @default a numeric `retryAfterMs` property of the error or of its `cause` chain
   */
  readonly retryAfterMs?: (error: Error) => number | undefined;
  /** Report as {@link PollHealth.stale} after this long without a success. @default 2 × intervalMs */
  readonly staleAfterMs?: number;
  /** Run the first attempt at once instead of after one (jittered) interval. @default false */
  readonly immediate?: boolean;
  /** Stops the poller when it aborts, as {@link Poller.dispose} does. */
  readonly signal?: AbortSignal;
  /**
   * Called after every failed attempt (never for one cut short by disposal). `health.consecutiveFailures`
   * is 1 for the first failure of a streak: report that one, log the rest quietly.
   */
  readonly onFailure?: (error: Error, health: PollHealth) => void;
  /** Called after the first success that follows one or more failures. */
  readonly onRecovery?: (health: PollHealth) => void;
  /** Time and timers. @default systemPollClock (Date.now, unref'ed setTimeout) */
  readonly clock?: PollClock;
  /** A number in [0, 1), for both jitters. @default Math.random */
  readonly random?: () => number;
}

/** A running poll loop: its health, and how to stop it. */
export interface Poller extends Disposable {
  /** The loop's health now. */
  health(): PollHealth;
  /** Stop: cancel the pending timer and abort the attempt in flight. Idempotent. */
  dispose(): void;
}

/**
 * Poll an async function on an interval, with backoff after failures and health tracking: the one loop
 * behind every polling source (Vault, SSM) and anything else that must re-check a store in the background.
 *
 * - One attempt at a time; the next is scheduled when the last settles.
 * - After a success: the interval ± `jitter` (or the attempt's `nextDelayMs`).
 * - After failure number n: {@link backoffDelay} (full jitter), raised to the error's retry hint, capped.
 * - `dispose()` (or `signal`) cancels the timer and aborts the attempt in flight; nothing runs after it,
 *   no hook is called for the cut-short attempt and nothing rejects unhandled.
 * - A hook that throws is ignored: hooks report, and a reporting failure must not stop the polling.
 *
 * @example
 * const poller = startPolling({
 *   intervalMs: 60_000,
 *   poll: async (signal) => { await refresh(signal); },
 *   onFailure: (error, health) => { if (health.consecutiveFailures === 1) signals.failed(error, true); },
 *   onRecovery: () => signals.recovered(),
 * });
 * // later: poller.health().lastSuccessAt; poller.dispose();
 */
export function startPolling(options: PollingOptions): Poller {
  return new PollLoop(options);
}

class PollLoop implements Poller {
  readonly #options: PollingOptions;
  readonly #clock: PollClock;
  readonly #random: () => number;
  readonly #backoff: ResolvedBackoffPolicy;
  readonly #staleAfterMs: number;
  readonly #startedAt: number;
  readonly #controller = new AbortController();
  #state: PollState = 'waiting';
  #cancelTimer: (() => void) | undefined;
  #nextAttemptAt: number | undefined;
  #lastSuccessAt: number | undefined;
  #lastFailureAt: number | undefined;
  #lastError: Error | undefined;
  #failures = 0;

  constructor(options: PollingOptions) {
    if (!(options.intervalMs > 0) || !Number.isFinite(options.intervalMs)) {
      throw new RangeError(`startPolling: intervalMs must be a finite number > 0, got ${options.intervalMs}`);
    }
    this.#options = options;
    this.#clock = options.clock ?? systemPollClock;
    this.#random = options.random ?? Math.random;
    this.#backoff = resolveBackoff(options.backoff);
    this.#staleAfterMs = options.staleAfterMs ?? 2 * options.intervalMs;
    this.#startedAt = this.#clock.now();
    const outer = options.signal;
    if (outer?.aborted) {
      this.#stop();
      return;
    }
    outer?.addEventListener('abort', () => this.dispose(), { once: true, signal: this.#controller.signal });
    this.#schedule(options.immediate ? 0 : this.#intervalDelay());
  }

  health(): PollHealth {
    const now = this.#clock.now();
    return Object.freeze({
      state: this.#state,
      lastSuccessAt: this.#lastSuccessAt,
      lastFailureAt: this.#lastFailureAt,
      lastError: this.#lastError,
      consecutiveFailures: this.#failures,
      nextAttemptAt: this.#nextAttemptAt,
      stale: now - (this.#lastSuccessAt ?? this.#startedAt) > this.#staleAfterMs,
    });
  }

  dispose(): void {
    if (this.#state === 'stopped') return;
    this.#stop();
  }

  #stop(): void {
    this.#state = 'stopped';
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#nextAttemptAt = undefined;
    // Also removes the listener on the outer signal, which was registered with this controller's signal.
    this.#controller.abort();
  }

  #intervalDelay(): number {
    return jitterInterval(this.#options.intervalMs, this.#options.jitter ?? 0.1, this.#random);
  }

  #schedule(delayMs: number): void {
    if (this.#state === 'stopped') return;
    this.#state = 'waiting';
    this.#nextAttemptAt = this.#clock.now() + delayMs;
    this.#cancelTimer = this.#clock.setTimer(() => void this.#attempt(), delayMs);
  }

  async #attempt(): Promise<void> {
    if (this.#state === 'stopped') return;
    this.#cancelTimer = undefined;
    this.#nextAttemptAt = undefined;
    this.#state = 'polling';
    let result: PollResult | undefined;
    let failure: Error | undefined;
    try {
      result = (await this.#options.poll(this.#controller.signal)) ?? undefined;
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    // Disposed while the attempt ran: its outcome is nobody's news, and nothing more may be scheduled.
    if (this.#controller.signal.aborted) return;
    const now = this.#clock.now();
    if (failure === undefined) {
      const recovered = this.#failures > 0;
      this.#failures = 0;
      this.#lastSuccessAt = now;
      const next = result?.nextDelayMs;
      this.#schedule(next !== undefined && next >= 0 ? next : this.#intervalDelay());
      if (recovered) this.#report(() => this.#options.onRecovery?.(this.health()));
      return;
    }
    this.#failures += 1;
    this.#lastFailureAt = now;
    this.#lastError = failure;
    this.#schedule(this.#retryDelay(failure));
    this.#report(() => this.#options.onFailure?.(failure, this.health()));
  }

  #retryDelay(error: Error): number {
    const hint = (this.#options.retryAfterMs ?? retryAfterOf)(error);
    const delay = backoffDelay(this.#failures, this.#backoff, this.#random);
    if (hint === undefined || !Number.isFinite(hint) || hint < 0) return delay;
    return Math.min(this.#backoff.maxDelayMs, Math.max(delay, Math.round(hint)));
  }

  #report(hook: () => unknown): void {
    try {
      const returned = hook();
      // An async hook's rejection would otherwise be unhandled, out of the caller's reach.
      if (returned instanceof Promise) returned.catch(() => {});
    } catch {
      // A hook reports; if reporting fails, polling must go on (see startPolling).
    }
  }
}

/**
 * The default retry hint: a `retryAfterMs` number on the error or on one of its causes, since a source
 * usually wraps its request error (Vault's carries `retryAfterMs`) in a `SourceError`.
 */
function retryAfterOf(error: Error): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const value: unknown = (current as { retryAfterMs?: unknown }).retryAfterMs;
    if (typeof value === 'number') return value;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
