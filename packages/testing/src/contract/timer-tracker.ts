import { createHook } from 'node:async_hooks';

/** The timers created while a {@link TimerTracker} was on and still pending, the way `async_hooks` sees them. */
export interface TimerTracker {
  /** Ref'd timers (`setTimeout`, `setInterval`) created since `trackTimers()` and neither fired nor cleared. */
  pending(): number;
  /** Stop tracking. */
  stop(): void;
}

/**
 * Track the timers created from now on, one by one. `process.getActiveResourcesInfo()` only counts timers
 * process-wide: a timer the source leaks can be hidden by an unrelated one (the test runner's, another
 * module's) ending in the same window, which on a loaded machine made the "no handle left" check pass a
 * leaking source now and then. Counting the window's own timers by their async id cannot be fooled that way.
 * Unref'd timers are left out, as `getActiveResourcesInfo` leaves them out: they do not keep a process alive.
 */
export function trackTimers(): TimerTracker {
  const live = new Map<number, { hasRef?: () => boolean }>();
  const hook = createHook({
    init(asyncId, type, _trigger, resource) {
      if (type === 'Timeout') live.set(asyncId, resource as { hasRef?: () => boolean });
    },
    destroy(asyncId) {
      live.delete(asyncId);
    },
  }).enable();
  return {
    pending: () => [...live.values()].filter((timer) => timer.hasRef?.() !== false).length,
    stop: () => hook.disable(),
  };
}
