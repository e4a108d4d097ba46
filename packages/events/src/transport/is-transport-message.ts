import { isConfigEventType } from '../models/config-event-type.js';
import type { TransportMessage } from './transport-message.js';
import { TRANSPORT_FORMAT } from './transport-message.js';

/**
 * True when `value` looks like a {@link TransportMessage} of the format this package writes: a receiver
 * checks what arrives from the network before acting on it.
 */
export function isTransportMessage(value: unknown): value is TransportMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return (
    message.format === TRANSPORT_FORMAT &&
    isConfigEventType(message.type) &&
    typeof message.sender === 'string' &&
    typeof message.environment === 'string' &&
    typeof message.generation === 'number'
  );
}
