/**
 * Time as a poller sees it: the current time and one-shot timers. The default, {@link systemPollClock},
 * is `Date.now` and `setTimeout`; a test may pass one it advances by hand to make every delay exact.
 */
export interface PollClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Call `callback` once after `delayMs`; the returned function cancels it (a no-op once it ran). */
  setTimer(callback: () => void, delayMs: number): () => void;
}

/**
 * Real time. Its timers are `unref`ed: background polling alone never keeps a process alive, so a service
 * exits normally when its work is done even if nobody disposed its configuration.
 */
export const systemPollClock: PollClock = Object.freeze({
  now: () => Date.now(),
  setTimer(callback: () => void, delayMs: number): () => void {
    const timer = setTimeout(callback, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
});
