import type { ConfigEvents } from './config-events.js';
import type { Logger } from '../models/logger.js';
import { guardListener } from './guard-listener.js';
import { ListenerRegistry } from './listener-registry.js';
import { type Unsubscribe, unsubscribeOnce } from '../models/unsubscribe.js';

/** Delivers one configuration event to every listener of its type. */
export type EmitConfigEvent = <K extends keyof ConfigEvents>(type: K, event: ConfigEvents[K]) => void;

/**
 * The subscribers of one configuration's events. Every listener is called even when one throws: a faulty
 * subscriber must not break the reload transaction or the listeners after it.
 */
export class ConfigEventHub {
  readonly #listeners = new ListenerRegistry<ConfigEvents>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Subscribe to an event; returns the handle that unsubscribes (call it, or `dispose()` it). */
  on<K extends keyof ConfigEvents>(event: K, listener: (event: ConfigEvents[K]) => void): Unsubscribe {
    this.#listeners.add(event, listener);
    return unsubscribeOnce(() => this.#listeners.remove(event, listener));
  }

  /** Deliver `event` to the listeners of `type`, each guarded. */
  readonly emit: EmitConfigEvent = (type, event) => {
    for (const listener of this.#listeners.listeners(type)) {
      guardListener(listener, (error) => {
        this.#logger.error(
          `A "${type}" listener threw: ${error instanceof Error ? error.message : String(error)}`,
          { error },
        );
      })(event);
    }
  };

  /** Remove every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
