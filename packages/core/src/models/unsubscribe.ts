import type { Disposable } from './source.js';

/**
 * What every subscription returns: core's {@link Disposable}, the one way to stop anything in Strata (a
 * source's watch, a poller, a subscription), that may also be called as a function. Both stop it; calling
 * it twice is harmless.
 */
export interface Unsubscribe extends Disposable {
  (): void;
  /** Stop; the same as calling the function. */
  dispose(): void;
}

/** Wrap a stop function so it runs at most once and can be used as a function or as a `Disposable`. */
export function unsubscribeOnce(stop: () => void): Unsubscribe {
  let stopped = false;
  const unsubscribe = (): void => {
    if (stopped) return;
    stopped = true;
    stop();
  };
  return Object.assign(unsubscribe, { dispose: unsubscribe });
}
