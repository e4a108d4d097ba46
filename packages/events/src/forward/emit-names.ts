import type { EventEmitter as NodeEventEmitter } from 'node:events';
import type { EventEmitter as EventEmitter3 } from 'eventemitter3';

/**
 * The event names a forward target declares, so that a rename map naming an event the target does not have
 * is a compile error:
 *
 * - Node's typed `EventEmitter<{ 'config:changed': [ChangedEvent] }>`: the keys of its event map;
 * - eventemitter3's `EventEmitter<{ 'config:changed': (e: ChangedEvent) => void }>` (or a union of names);
 * - any object whose `emit` takes a union of literal names: that union.
 *
 * An untyped emitter (plain `new EventEmitter()`) accepts any name: `string`.
 */
export type EmitNames<Target> =
  Target extends NodeEventEmitter<infer EventMap>
    ? [EventMap] extends [[never]]
      ? string
      : keyof EventMap & string
    : Target extends EventEmitter3<infer EventTypes, infer _Context>
      ? EventTypes extends string | symbol
        ? string extends EventTypes
          ? string
          : EventTypes & string
        : keyof EventTypes & string
      : Target extends { emit(name: infer Name, ...payload: never[]): unknown }
        ? Name extends string
          ? Name
          : string
        : string;
