import type { PollClock } from '@strata/core/source';

/** A {@link PollClock} a test moves by hand, optionally moving a Vault test server's clock with it. */
export interface ManualClock extends PollClock {
  /** Move time forward: the server's clock too, then run every timer now due, earliest first. */
  advance(ms: number): void;
  /** Delays (from now) of the timers still pending, soonest first. */
  pending(): number[];
}

interface Timer {
  readonly at: number;
  readonly run: () => void;
  cancelled: boolean;
}

/**
 * Time that stands still until the test advances it, so a 1-hour lease is renewed at 40 minutes without
 * waiting: the source's timers and the server's TTLs read the same clock.
 */
export function manualClock(server?: { now(): number; advanceClock(ms: number): void }): ManualClock {
  let offset = 0;
  const base = Date.now();
  const timers: Timer[] = [];
  // Our own time, not the server's: the server's clock also moves with real time, which would make the
  // delays a test reads depend on how fast the machine is.
  const now = (): number => base + offset;
  return {
    now,
    setTimer(callback, delayMs) {
      const timer: Timer = { at: now() + Math.max(0, delayMs), run: callback, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    advance(ms) {
      offset += ms;
      server?.advanceClock(ms);
      for (;;) {
        const due = timers.filter((t) => !t.cancelled && t.at <= now()).sort((a, b) => a.at - b.at)[0];
        if (!due) return;
        due.cancelled = true;
        due.run();
      }
    },
    pending() {
      const current = now();
      return timers
        .filter((t) => !t.cancelled)
        .map((t) => t.at - current)
        .sort((a, b) => a - b);
    },
  };
}
