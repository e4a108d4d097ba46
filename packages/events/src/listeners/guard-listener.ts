import { guardListener as guardConfigListener } from '@strata/core/source';
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
  // Core's guard does the isolation (throws and rejected promises); this adds the listener's context.
  return guardConfigListener(listener, (error) => reportListenerError(onError, error, context));
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
