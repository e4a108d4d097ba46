import type { ConfigEventType } from '../models/config-event-type.js';
import type { EmitNames } from './emit-names.js';

/**
 * Anything with an `emit(name, payload)` method: Node's `EventEmitter`, eventemitter3, an application's
 * event bus. Its return value is ignored.
 */
export interface EmitTarget {
  emit(name: string, payload: unknown): unknown;
}

/**
 * How configuration event names become target event names: an object renaming some of them (the rest keep
 * their own names), or a function returning the name, or `undefined` to leave that event out. `Name` is the
 * set of names the target declares ({@link EmitNames}), so a typo against a typed emitter does not compile.
 */
export type EventNameMap<Name extends string = string> =
  | { readonly [K in ConfigEventType]?: Name }
  | ((type: ConfigEventType) => Name | undefined);

/** Options of `bridge.forward(target, options)`; `Name` is the set of event names the target declares. */
export interface ForwardOptions<Name extends string = string> {
  /**
   * Target event names.
   * @default each event keeps its own name (`changed`, `rejected`, …)
   * @example `{ changed: 'config:changed', rejected: 'config:rejected' }`
   * @example `(type) => \`config.${type}\``
   */
  readonly map?: EventNameMap<Name>;
  /**
   * The events to forward.
   * @default all five: `changed`, `rejected`, `restartRequired`, `sourceFailed`, `sourceRecovered`
   */
  readonly events?: readonly ConfigEventType[];
  /**
   * What the target receives: the event object itself (`event`: typed, errors are real `StrataError`s) or
   * its JSON-safe transport form (`message`: see `TransportMessage`), for buses that serialise.
   * @default 'event'
   */
  readonly payload?: 'event' | 'message';
}
