import type { ConfigEvent } from '@strata/core';
import type { EventRelay } from '../listeners/event-relay.js';
import { eventTypesOption } from '../models/event-types-option.js';
import type { Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';
import type { ChangeTransport } from './change-transport.js';
import type { TransportMessage } from './transport-message.js';
import type { PublishOptions } from './transport-options.js';

/**
 * Publish the relay's events on a transport in their JSON-safe form. A transport that throws or rejects is
 * reported as a listener error (label `publishTo(<event>)`); the configuration never waits for it.
 */
export function publishEvents(
  relay: EventRelay,
  transport: ChangeTransport,
  options: PublishOptions,
  toMessage: (event: ConfigEvent) => TransportMessage,
): Unsubscribe {
  const detach = eventTypesOption(options.events, 'publishTo({ events })').map((type) =>
    relay.on(type, (event: ConfigEvent) => transport.publish(toMessage(event)), `publishTo(${type})`),
  );
  return unsubscribeOnce(() => {
    for (const off of detach) off();
  });
}
