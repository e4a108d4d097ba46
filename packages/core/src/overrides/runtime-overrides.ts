import type { LeafValue } from '../models/layer.js';
import type { ReloadResult } from '../reload/reload-result.js';
import type { OverrideEntry } from './override-entry.js';
import type {
  OverrideChangeOptions,
  OverrideOptions,
  OverrideUpdate,
  OverrideValues,
} from './override-options.js';

/**
 * The runtime override layer of a configuration (`config.overrides`): values set while the process runs, above
 * every source — Spring's `POST /actuator/env`, or a post-configure step of .NET's options that can change
 * at run time. Each call is one reload transaction: the whole configuration with the change is validated, then
 * swapped in (a `changed` event whose origin is `override`), or refused with the usual error and nothing
 * changed (a `rejected` event; the promise rejects with the error).
 *
 * Overrides survive source reloads, show in `explain` above the sources' candidates, are kept in `history()`
 * and come back (or go) with `rollback()`: a generation's overrides are part of what it was built from.
 * Paths go through the same checks as every source's keys: `__proto__`, `constructor` and `prototype` are
 * refused (`UNSAFE_KEY`), unknown keys are errors under `strict` and warnings otherwise. Values on `@Secret`
 * fields are redacted in events, diffs, `explain` and `list()`, like any secret. A `@Reloadable(false)` field
 * keeps its value until a restart, as for a change from a source.
 *
 * @example
 * await config.overrides.set('log.level', 'debug', { actor: 'alice', reason: 'incident 4312', ttlMs: 600_000 });
 * await config.overrides.delete('log.level');
 */
export interface RuntimeOverrides {
  /**
   * Set the value at a dotted path (`'server.port'`). A plain object is walked to its leaves, which merge with
   * what is set already; an array replaces. Resolves with the transaction's result; rejects with the
   * `ConfigValidationError` (or `UnsafeKeyError`, `InputLimitError`) when refused, nothing changed.
   */
  set(path: string, value: LeafValue, options?: OverrideOptions): Promise<ReloadResult>;
  /** Set several values at once, as one transaction (`{ 'server.port': 8080, log: { level: 'debug' } }`). */
  set(values: OverrideValues, options?: OverrideOptions): Promise<ReloadResult>;
  /**
   * Remove the override at a path and every override below it (`'server'` removes `server.port` too): the
   * sources' values apply again. A path with no override resolves `unchanged` without a transaction.
   */
  delete(path: string | readonly string[], options?: OverrideChangeOptions): Promise<ReloadResult>;
  /** Remove every override, as one transaction. */
  clear(options?: OverrideChangeOptions): Promise<ReloadResult>;
  /** Set and delete together, validated and applied as one transaction (deletions first). */
  update(change: OverrideUpdate, options?: OverrideOptions): Promise<ReloadResult>;
  /** The overrides in effect, in the order they were set; secret values `[redacted]`. */
  list(): OverrideEntry[];
}
