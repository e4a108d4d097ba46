import type { SectionListener } from '../models/section-listener.js';
import type { ReadonlyDeep, Unsubscribe } from '@strata/core';

/**
 * A handle on a configuration class that follows reloads, for long-lived objects (singletons) — like .NET's
 * `IOptionsMonitor<T>`. Inject the handle, not the instance, and read `current` at each use.
 */
export interface Live<T extends object> {
  /**
   * The frozen instance of the snapshot in effect right now (no copy: the snapshot's own instance), typed
   * read-only all the way down.
   */
  readonly current: ReadonlyDeep<T>;
  /**
   * Call `listener(next, prev, diff)` after each applied change under this class's path. Listener errors are
   * reported, never thrown into the reload.
   */
  subscribe(listener: SectionListener<T>): Unsubscribe;
}
