/**
 * Wait `ms`, or reject with the signal's reason when it aborts. Background waits are `unref`ed so they
 * never keep the process alive; a wait inside a start-up `load()` is not, or Node could exit mid-load.
 */
export function sleep(ms: number, signal: AbortSignal, options: { unref: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (options.unref) timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
