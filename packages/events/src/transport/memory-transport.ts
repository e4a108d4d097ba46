import type { ChangeTransport } from './change-transport.js';
import type { TransportMessage } from './transport-message.js';

/** The in-process reference {@link ChangeTransport}. */
export interface MemoryTransport extends ChangeTransport {
  /** Resolves once every subscriber has been called; rejects with a subscriber's error (all are still called). */
  publish(message: TransportMessage): Promise<void>;
  /** The number of subscribers. */
  readonly subscribers: number;
  /** Drop every subscriber. */
  close(): void;
}

/**
 * A transport inside one process: every published message goes to every subscriber, each getting its own
 * copy through `JSON.stringify`/`JSON.parse`, exactly what a network transport would deliver, and always on
 * a later tick (never inside the publisher's own event). Use it in tests and as the model for real
 * transports.
 */
export function createMemoryTransport(): MemoryTransport {
  const handlers = new Set<(message: TransportMessage) => void>();
  return {
    async publish(message) {
      const wire = JSON.stringify(message);
      await Promise.resolve();
      const errors: unknown[] = [];
      for (const handler of [...handlers]) {
        try {
          handler(JSON.parse(wire) as TransportMessage);
        } catch (error) {
          errors.push(error);
        }
      }
      if (errors.length === 1) throw errors[0];
      if (errors.length > 1)
        throw new AggregateError(errors, `${errors.length} transport subscribers failed`);
    },
    subscribe(handler) {
      // A wrapper, so the same function subscribed twice is two subscriptions.
      const subscription = (message: TransportMessage): void => handler(message);
      handlers.add(subscription);
      return {
        dispose: () => {
          handlers.delete(subscription);
        },
      };
    },
    get subscribers() {
      return handlers.size;
    },
    close() {
      handlers.clear();
    },
  };
}
