import type { ConfigEventType } from '../models/config-event-type.js';

/**
 * Anything with an `emit(name, payload)` method: Node's `EventEmitter`, eventemitter3, an application's
 * event bus. Its return value is ignored.
 */
export interface EmitTarget {
  emit(name: string, payload: unknown): unknown;
}

/**
 * How configuration event names become target event names: an object renaming some of them (the rest keep
 * their own names), or a function returning the name, or `undefined` to leave that event out.
 */
export type EventNameMap =
  | { readonly [K in ConfigEventType]?: string }
  | ((type: ConfigEventType) => string | undefined);

/** Options of `bridge.forward(target, options)`. */
export interface ForwardOptions {
  /**
   * Target event names.
   * @default each event keeps its own name (`changed`, `rejected`, …)
   * @example `{ changed: 'config:changed', rejected: 'config:rejected' }`
   * @example `(type) => \`config.${type}\``
   */
  readonly map?: EventNameMap;
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
