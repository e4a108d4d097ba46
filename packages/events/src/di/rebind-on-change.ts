import type { Config } from '@strata/core';
import { configurationClasses, StrataError } from '@strata/core';
import type { Container } from 'inversify';
import { guardListener } from '../listeners/guard-listener.js';
import type { ListenerErrorHandler } from '../models/listener-error.js';
import { reportToConsole } from '../models/listener-error.js';
import type { Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';

/** Options of {@link rebindOnChange}. */
export interface RebindOptions {
  /**
   * Receives an error raised while rebinding (for instance by an `onDeactivation` hook of the old value).
   * @default `reportToConsole`
   */
  readonly onListenerError?: ListenerErrorHandler;
}

/**
 * Bind every section class and nested configuration class as a constant (the current snapshot's instance),
 * and after each applied change rebind them all to the new snapshot's instances (`container.rebind`, never a
 * second `bind`). The returned function stops following changes; the bindings stay as they last were.
 *
 * Unlike core's `strataModule` (a dynamic binding that reads the snapshot at every resolution), the
 * container's bindings themselves change: resolution is a constant lookup, and the container's
 * `onDeactivation` hooks receive each replaced instance (once it had been resolved), a place to retire what
 * was built from it. Use one or the other in a container, not both: throws a `DEFINITION_INVALID`
 * `StrataError` when a class is already bound in `container`.
 */
export function rebindOnChange(
  container: Container,
  config: Config,
  options: RebindOptions = {},
): Unsubscribe {
  const classes = configurationClasses(config.schema);
  const taken = classes.filter((cls) => container.isCurrentBound(cls));
  if (taken.length > 0) {
    throw new StrataError(
      'DEFINITION_INVALID',
      `rebindOnChange: ${taken.map((cls) => cls.name).join(', ')} already bound in this container ` +
        '(strataModule?); use either strataModule (dynamic) or rebindOnChange (constant, rebound) per container',
    );
  }
  const snapshot = config.snapshot;
  for (const cls of classes) container.bind(cls).toConstantValue(snapshot.get(cls));
  const rebind = guardListener(
    () => {
      // Every class, changed or not: the container then serves exactly the instances config.get() returns.
      const next = config.snapshot;
      for (const cls of classes) container.rebind(cls).toConstantValue(next.get(cls));
    },
    options.onListenerError ?? reportToConsole,
    { event: 'changed', listener: 'rebindOnChange' },
  );
  return unsubscribeOnce(config.on('changed', rebind));
}
