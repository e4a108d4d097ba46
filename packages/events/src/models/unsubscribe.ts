/**
 * What every subscription returns: call it, or call its `dispose()`, to stop. Calling it twice is harmless.
 */
export interface Unsubscribe {
  (): void;
  /** The same as calling the function, for code that expects a `Disposable`. */
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
