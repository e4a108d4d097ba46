import type { ConfigEventType } from '../models/config-event-type.js';
import type { TransportMessage } from './transport-message.js';

/** Options of `bridge.publishTo(transport, options)`. */
export interface PublishOptions {
  /**
   * The events to publish.
   * @default all five: `changed`, `rejected`, `restartRequired`, `sourceFailed`, `sourceRecovered`
   */
  readonly events?: readonly ConfigEventType[];
}

/** Options of `bridge.receiveFrom(transport, options)`. */
export interface ReceiveOptions {
  /** Called with each message from another instance (after the `reload` below has been started). */
  readonly onMessage?: (message: TransportMessage) => unknown;
  /**
   * Reload this configuration when another instance publishes a `changed` event, so a fleet converges on
   * what one member saw first. The reload loads this process's own sources; the message carries no values
   * (secrets are redacted in it anyway). A reload that finds nothing new emits nothing, so two instances
   * that publish to each other do not loop.
   * @default false
   */
  readonly reload?: boolean;
  /** Also deliver this bridge's own messages (same `instanceId`). @default false */
  readonly includeOwn?: boolean;
}
