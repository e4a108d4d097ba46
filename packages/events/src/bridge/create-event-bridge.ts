import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config, ConfigEvent, ConfigEvents, Constructor } from '@strata/core';
import { StrataError } from '@strata/core';
import type { EmitTarget, ForwardOptions } from '../forward/forward-options.js';
import { forwardEvents } from '../forward/forward-events.js';
import { EventRelay } from '../listeners/event-relay.js';
import type { ConfigEventType } from '../models/config-event-type.js';
import type { ListenerErrorHandler } from '../models/listener-error.js';
import { reportToConsole } from '../models/listener-error.js';
import type { SectionListener } from '../models/section-listener.js';
import type { Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';
import { SectionChannel } from '../sections/section-channel.js';
import type { ChangeTransport } from '../transport/change-transport.js';
import { publishEvents } from '../transport/publish-events.js';
import { receiveMessages } from '../transport/receive-messages.js';
import { toTransportMessage } from '../transport/to-transport-message.js';
import type { TransportMessage } from '../transport/transport-message.js';
import type { PublishOptions, ReceiveOptions } from '../transport/transport-options.js';
import type { EventBridge, EventBridgeOptions } from './event-bridge.js';

/**
 * Create an {@link EventBridge} over a configuration. It attaches one listener per event to the
 * configuration until `dispose()`.
 *
 * @example
 * ```ts
 * const bridge = createEventBridge(config);
 * bridge.onSectionChange(DatabaseConfig, (next, prev, diff) => pool.resize(next.pool.size));
 * bridge.forward(appBus, { map: { changed: 'config:changed' } });
 * ```
 */
export function createEventBridge(config: Config, options: EventBridgeOptions = {}): EventBridge {
  return new Bridge(config, options);
}

/** The facade: each method hands over to one collaborator and records how to undo it. */
class Bridge implements EventBridge {
  readonly config: Config;
  readonly instanceId: string;
  readonly #onError: ListenerErrorHandler;
  readonly #relay: EventRelay;
  readonly #channels = new Map<Constructor, SectionChannel<object>>();
  readonly #subscriptions = new Set<Unsubscribe>();
  #disposed = false;

  constructor(config: Config, options: EventBridgeOptions) {
    this.config = config;
    this.instanceId = options.instanceId ?? `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
    this.#onError = options.onListenerError ?? reportToConsole;
    this.#relay = new EventRelay(config, this.#onError);
  }

  on<K extends ConfigEventType>(type: K, listener: (event: ConfigEvents[K]) => unknown): Unsubscribe {
    this.#assertOpen('on');
    return this.#track(this.#relay.on(type, listener));
  }

  once<K extends ConfigEventType>(type: K, listener: (event: ConfigEvents[K]) => unknown): Unsubscribe {
    this.#assertOpen('once');
    return this.#track(this.#relay.once(type, listener));
  }

  onSectionChange<T extends object>(cls: Constructor<T>, listener: SectionListener<T>): Unsubscribe {
    this.#assertOpen('onSectionChange');
    let channel = this.#channels.get(cls) as unknown as SectionChannel<T> | undefined;
    if (!channel) {
      channel = new SectionChannel({
        config: this.config,
        cls,
        events: this.#relay,
        onError: this.#onError,
        label: `onSectionChange(${cls.name})`,
      });
      this.#channels.set(cls, channel as unknown as SectionChannel<object>);
    }
    return channel.add(listener);
  }

  forward(target: EmitTarget, options: ForwardOptions = {}): Unsubscribe {
    this.#assertOpen('forward');
    return this.#track(forwardEvents(this.#relay, target, options, (event) => this.#message(event)));
  }

  publishTo(transport: ChangeTransport, options: PublishOptions = {}): Unsubscribe {
    this.#assertOpen('publishTo');
    return this.#track(publishEvents(this.#relay, transport, options, (event) => this.#message(event)));
  }

  receiveFrom(transport: ChangeTransport, options: ReceiveOptions = {}): Unsubscribe {
    this.#assertOpen('receiveFrom');
    const receiver = { config: this.config, instanceId: this.instanceId, onError: this.#onError };
    return this.#track(receiveMessages(receiver, transport, options));
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const unsubscribe of [...this.#subscriptions]) unsubscribe();
    for (const channel of this.#channels.values()) channel.close();
    this.#channels.clear();
    this.#relay.dispose();
  }

  #message(event: ConfigEvent): TransportMessage {
    return toTransportMessage(event, {
      sender: this.instanceId,
      environment: this.config.environment,
      generation: this.config.generation,
    });
  }

  /** Remember a subscription for `dispose()`, and forget it when it ends first. */
  #track(stop: () => void): Unsubscribe {
    const unsubscribe = unsubscribeOnce(() => {
      this.#subscriptions.delete(unsubscribe);
      stop();
    });
    this.#subscriptions.add(unsubscribe);
    return unsubscribe;
  }

  #assertOpen(method: string): void {
    if (this.#disposed) {
      throw new StrataError('CLOSED', `${method}(): this event bridge is disposed; create a new one`);
    }
  }
}
