import type { Disposable } from '@strata/core';
import type { TransportMessage } from './transport-message.js';

/**
 * Carries configuration events between processes (a Redis channel, NATS, a message queue). Implement it in
 * a separate package; `createMemoryTransport()` is the reference implementation.
 *
 * A message must arrive as it was published after a JSON round trip: every field of a
 * {@link TransportMessage} is JSON-safe, so `JSON.stringify` on publish and `JSON.parse` on delivery suffice.
 */
export interface ChangeTransport {
  /** Send a message to every subscriber (in this process and others). A rejection is reported, never thrown at the configuration. */
  publish(message: TransportMessage): void | Promise<void>;
  /** Receive messages, the publisher's own included, until the returned handle is disposed. */
  subscribe(handler: (message: TransportMessage) => void): Disposable;
}
