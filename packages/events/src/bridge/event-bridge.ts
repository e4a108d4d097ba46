import type { Config, ConfigEvents, Constructor } from '@strata/core';
import type { EmitNames } from '../forward/emit-names.js';
import type { EmitTarget, ForwardOptions } from '../forward/forward-options.js';
import type { ConfigEventType } from '../models/config-event-type.js';
import type { ListenerErrorHandler } from '../models/listener-error.js';
import type { SectionListener } from '../models/section-listener.js';
import type { Unsubscribe } from '@strata/core';
import type { ChangeTransport } from '../transport/change-transport.js';
import type { PublishOptions, ReceiveOptions } from '../transport/transport-options.js';

/** Options of {@link createEventBridge}. */
export interface EventBridgeOptions {
  /**
   * Receives the error of any listener, forward target or transport that throws or rejects. Errors are
   * never re-thrown: the configuration's reload and the other listeners carry on.
   * @default `reportToConsole`: one `console.error` naming the listener and the event
   */
  readonly onListenerError?: ListenerErrorHandler;
  /**
   * This bridge's id in transport messages (`sender`); messages with its own id are skipped on receipt.
   * @default `<hostname>/<pid>/<8 random hex digits>`
   */
  readonly instanceId?: string;
}

/**
 * Typed access to a configuration's events: plain subscriptions, per-section subscriptions, forwarding to
 * other emitters, and publishing to / receiving from a {@link ChangeTransport}. Every method returns an
 * {@link Unsubscribe}; `dispose()` ends them all. Listeners run synchronously, right after the new snapshot
 * is in effect, and are isolated: one that throws is reported to `onListenerError` and changes nothing else.
 */
export interface EventBridge {
  /** The configuration whose events this bridge carries. */
  readonly config: Config;
  /** This bridge's id in transport messages. */
  readonly instanceId: string;
  /** Subscribe to an event. */
  on<K extends ConfigEventType>(type: K, listener: (event: ConfigEvents[K]) => unknown): Unsubscribe;
  /** Subscribe to the next occurrence of an event. */
  once<K extends ConfigEventType>(type: K, listener: (event: ConfigEvents[K]) => unknown): Unsubscribe;
  /**
   * Call `listener(next, prev, diff)` after each applied change that touches a value under `cls`'s path (a
   * `@Section` class, or a class nested in one). Rejected changes and changes elsewhere do not call it.
   * Throws a `DEFINITION_INVALID` `StrataError` for a class the configuration does not hold.
   */
  onSectionChange<T extends object>(cls: Constructor<T>, listener: SectionListener<T>): Unsubscribe;
  /**
   * Emit events on another emitter (`target.emit(name, payload)`), with names mapped by `options.map`. For
   * a typed emitter (Node's `EventEmitter<Events>`, eventemitter3's, or an `emit` taking literal names) the
   * map's names must be the target's own: a misspelt name is a compile error.
   */
  forward<Target extends EmitTarget>(
    target: Target,
    options?: ForwardOptions<EmitNames<Target>>,
  ): Unsubscribe;
  /** Publish events, in JSON-safe form with secrets redacted, on a transport. */
  publishTo(transport: ChangeTransport, options?: PublishOptions): Unsubscribe;
  /** Receive other instances' messages from a transport (and optionally reload when one reports a change). */
  receiveFrom(transport: ChangeTransport, options?: ReceiveOptions): Unsubscribe;
  /** End every subscription made through this bridge and detach it from the configuration. Idempotent. */
  dispose(): void;
}
