import type { ConfigEvent } from '@strata/core';
import { StrataError } from '@strata/core';
import type { EventRelay } from '../listeners/event-relay.js';
import { eventTypesOption } from '../models/event-types-option.js';
import type { Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';
import type { TransportMessage } from '../transport/transport-message.js';
import { eventNameOf } from './event-name-of.js';
import type { EmitTarget, ForwardOptions } from './forward-options.js';

/**
 * Emit the relay's events on `target` under mapped names. A target that throws (Node's `EventEmitter`
 * throws for an unhandled `error` event) is reported like any other listener.
 */
export function forwardEvents(
  relay: EventRelay,
  target: EmitTarget,
  options: ForwardOptions,
  toMessage: (event: ConfigEvent) => TransportMessage,
): Unsubscribe {
  if (typeof target?.emit !== 'function') {
    throw new StrataError(
      'DEFINITION_INVALID',
      'forward(target): the target has no emit(name, payload) method',
    );
  }
  const detach: (() => void)[] = [];
  for (const type of eventTypesOption(options.events, 'forward({ events })')) {
    const name = eventNameOf(type, options.map);
    if (name === undefined) continue;
    detach.push(
      relay.on(
        type,
        (event: ConfigEvent) => target.emit(name, options.payload === 'message' ? toMessage(event) : event),
        `forward(${type} → ${name})`,
      ),
    );
  }
  return unsubscribeOnce(() => {
    for (const off of detach) off();
  });
}
