import type { Config } from '@strata/core';
import { StrataError } from '@strata/core';
import { guardListener, reportListenerError } from '../listeners/guard-listener.js';
import type { ListenerErrorHandler } from '../models/listener-error.js';
import type { Unsubscribe } from '@strata/core';
import { unsubscribeOnce } from '@strata/core/source';
import type { ChangeTransport } from './change-transport.js';
import { isTransportMessage } from './is-transport-message.js';
import type { TransportMessage } from './transport-message.js';
import type { ReceiveOptions } from './transport-options.js';

/** What {@link receiveMessages} acts on. */
export interface Receiver {
  readonly config: Pick<Config, 'reload'>;
  /** This bridge's id: its own messages are skipped unless `includeOwn`. */
  readonly instanceId: string;
  readonly onError: ListenerErrorHandler;
}

/**
 * Subscribe to a transport: check each message, skip this instance's own, reload when asked to, and hand the
 * message to `onMessage`. Nothing a message or a handler does is thrown back into the transport; problems go
 * to the error handler with the label `receiveFrom`.
 */
export function receiveMessages(
  receiver: Receiver,
  transport: ChangeTransport,
  options: ReceiveOptions,
): Unsubscribe {
  const context = { event: 'message', listener: 'receiveFrom' } as const;
  const fail = (error: unknown): void => reportListenerError(receiver.onError, error, context);
  const onMessage = options.onMessage && guardListener(options.onMessage, receiver.onError, context);
  const reload = async (message: TransportMessage): Promise<void> => {
    try {
      await receiver.config.reload({
        reason: `${message.sender} published generation ${message.generation}`,
      });
    } catch (error) {
      // A message arriving after close() has nothing left to reload.
      if (!StrataError.is(error, 'CLOSED')) fail(error);
    }
  };
  const handle = (message: unknown): void => {
    if (!isTransportMessage(message)) {
      fail(
        new StrataError(
          'SOURCE_FAILED',
          'Ignored a transport message that is not a Strata configuration event (format strata.config-event/1); ' +
            'check what else publishes on this channel',
        ),
      );
      return;
    }
    if (message.sender === receiver.instanceId && options.includeOwn !== true) return;
    if (options.reload === true && message.type === 'changed') void reload(message);
    onMessage?.(message);
  };
  const subscription = transport.subscribe(handle);
  return unsubscribeOnce(() => subscription.dispose());
}
