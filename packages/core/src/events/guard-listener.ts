/**
 * Wrap a listener so that nothing it does reaches the caller: a throw or a rejected promise goes to
 * `onError`. Configuration events are delivered from inside the reload transaction, so an escaping error
 * would turn an applied change into a failed `reload()` and starve the listeners after it.
 */
export function guardListener<A extends unknown[]>(
  listener: (...args: A) => unknown,
  onError: (error: unknown) => void,
): (...args: A) => void {
  return (...args: A): void => {
    try {
      const result = listener(...args);
      if (isThenable(result)) result.then(undefined, onError);
    } catch (error) {
      onError(error);
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
