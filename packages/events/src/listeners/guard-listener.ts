import type { ListenerErrorContext, ListenerErrorHandler } from '../models/listener-error.js';
import { reportToConsole } from '../models/listener-error.js';

/**
 * Wrap a listener so that nothing it does reaches the emitter: a throw or a rejected promise goes to
 * `onError`. Configuration events are emitted from inside the reload transaction, so an escaping error would
 * turn an applied change into a failed `reload()` and starve the listeners after it.
 */
export function guardListener<A extends unknown[]>(
  listener: (...args: A) => unknown,
  onError: ListenerErrorHandler,
  context: ListenerErrorContext,
): (...args: A) => void {
  const report = (error: unknown): void => reportListenerError(onError, error, context);
  return (...args: A): void => {
    try {
      const result = listener(...args);
      if (isThenable(result)) result.then(undefined, report);
    } catch (error) {
      report(error);
    }
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Hand an error to `onError`; if the handler itself throws, the error still reaches the console. */
export function reportListenerError(
  onError: ListenerErrorHandler,
  error: unknown,
  context: ListenerErrorContext,
): void {
  try {
    onError(error, context);
  } catch {
    reportToConsole(error, context);
  }
}
