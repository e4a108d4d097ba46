import type { ConfigEvents } from '@strata/core';
import type { EventEmitter } from 'eventemitter3';
import { eventEmitterModule } from '../lazy-modules.js';
import type { ConfigEventType } from '../models/config-event-type.js';
import { CONFIG_EVENT_TYPES } from '../models/config-event-type.js';
import type { EventSource } from '../models/config-view.js';
import type { ListenerErrorHandler } from '../models/listener-error.js';
import { guardListener } from './guard-listener.js';
import { type Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';

/**
 * Re-emits a configuration's events on its own typed emitter, so a bridge holds exactly one listener per event
 * on the configuration however many subscribers it has, and can drop them all at once. Every listener is
 * guarded: one that throws never reaches the configuration or the listeners after it.
 */
export class EventRelay implements EventSource {
  // Untyped inside: the relay's own methods are the typed surface.
  readonly #emitter: EventEmitter<ConfigEventType> =
    new (eventEmitterModule().EventEmitter)<ConfigEventType>();
  readonly #detach: (() => void)[];
  readonly #onError: ListenerErrorHandler;

  constructor(source: EventSource, onError: ListenerErrorHandler) {
    this.#onError = onError;
    this.#detach = CONFIG_EVENT_TYPES.map((type) => this.#relay(source, type));
  }

  /** Subscribe to an event; `label` names the listener in error reports. Returns the handle that stops it. */
  on<K extends ConfigEventType>(
    type: K,
    listener: (event: ConfigEvents[K]) => unknown,
    label = `on(${type})`,
  ): Unsubscribe {
    const guarded = guardListener(listener, this.#onError, { event: type, listener: label });
    this.#emitter.on(type, guarded);
    return unsubscribeOnce(() => {
      this.#emitter.off(type, guarded);
    });
  }

  /** Subscribe to the next occurrence of an event only. */
  once<K extends ConfigEventType>(
    type: K,
    listener: (event: ConfigEvents[K]) => unknown,
    label = `once(${type})`,
  ): Unsubscribe {
    const guarded = guardListener(listener, this.#onError, { event: type, listener: label });
    this.#emitter.once(type, guarded);
    return unsubscribeOnce(() => {
      this.#emitter.off(type, guarded);
    });
  }

  /** How many listeners the relay holds for an event. */
  listenerCount(type: ConfigEventType): number {
    return this.#emitter.listenerCount(type);
  }

  /** Detach from the configuration and drop every listener. */
  dispose(): void {
    for (const detach of this.#detach.splice(0)) detach();
    this.#emitter.removeAllListeners();
  }

  #relay<K extends ConfigEventType>(source: EventSource, type: K): () => void {
    return source.on(type, (event: ConfigEvents[K]) => {
      this.#emitter.emit(type, event);
    });
  }
}
