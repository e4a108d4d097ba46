import type { Config, Constructor, ReadonlyDeep } from '@strata/core';
import type { ListenerErrorHandler } from '../models/listener-error.js';
import { reportToConsole } from '../models/listener-error.js';
import type { SectionListener } from '../models/section-listener.js';
import type { Unsubscribe } from '@strata/core';
import { SectionChannel } from '../sections/section-channel.js';
import type { Live } from './live.js';

/** Options of {@link createLive}, {@link liveModule} and {@link bindLive}. */
export interface LiveOptions {
  /**
   * Receives the error of a `subscribe` listener that throws or rejects.
   * @default `reportToConsole`
   */
  readonly onListenerError?: ListenerErrorHandler;
}

/**
 * A {@link Live} handle on one configuration class, without a container. Throws a `DEFINITION_INVALID`
 * `StrataError` for a class the configuration does not hold.
 *
 * @example
 * ```ts
 * const db = createLive(config, DatabaseConfig);
 * db.subscribe((next) => pool.resize(next.pool.size));
 * ```
 */
export function createLive<T extends object>(
  config: Config,
  cls: Constructor<T>,
  options: LiveOptions = {},
): Live<T> {
  return new LiveHandle(config, cls, options);
}

/** @internal The implementation, with a `close()` the DI helpers call when their bindings go. */
export class LiveHandle<T extends object> implements Live<T> {
  readonly #config: Config;
  readonly #cls: Constructor<T>;
  readonly #channel: SectionChannel<T>;

  constructor(config: Config, cls: Constructor<T>, options: LiveOptions) {
    this.#config = config;
    this.#cls = cls;
    // Listens to the configuration only while someone subscribes, so an unused handle holds nothing.
    this.#channel = new SectionChannel({
      config,
      cls,
      events: config,
      onError: options.onListenerError ?? reportToConsole,
      label: `Live<${cls.name}>.subscribe`,
    });
  }

  get current(): ReadonlyDeep<T> {
    return this.#config.snapshot.get(this.#cls);
  }

  subscribe(listener: SectionListener<T>): Unsubscribe {
    return this.#channel.add(listener);
  }

  /** Drop every subscriber. */
  close(): void {
    this.#channel.close();
  }

  get [Symbol.toStringTag](): string {
    return `Live<${this.#cls.name}>`;
  }
}
