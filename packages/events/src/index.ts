/**
 * @strata/events — the event bridge: typed and section-scoped subscriptions, forwarding to other emitters,
 * a transport interface for carrying changes between processes, and live DI handles.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */

export type { EventBridge, EventBridgeOptions } from './bridge/event-bridge.js';
export { createEventBridge } from './bridge/create-event-bridge.js';

export type { ConfigEventType } from './models/config-event-type.js';
export { CONFIG_EVENT_TYPES, isConfigEventType } from './models/config-event-type.js';
export type { ListenerErrorContext, ListenerErrorHandler } from './models/listener-error.js';
export { reportToConsole } from './models/listener-error.js';
export type { SectionListener } from './models/section-listener.js';
export type { Unsubscribe } from '@strata/core';

export type { EmitNames } from './forward/emit-names.js';
export type { EmitTarget, EventNameMap, ForwardOptions } from './forward/forward-options.js';

export type { ChangeTransport } from './transport/change-transport.js';
export type {
  ChangedMessage,
  JsonValue,
  RejectedMessage,
  RestartRequiredMessage,
  SourceFailedMessage,
  SourceRecoveredMessage,
  TransportChange,
  TransportEnvelope,
  TransportError,
  TransportMessage,
} from './transport/transport-message.js';
export { TRANSPORT_FORMAT } from './transport/transport-message.js';
export type { PublishOptions, ReceiveOptions } from './transport/transport-options.js';
export type { MessageSender } from './transport/to-transport-message.js';
export { toTransportMessage } from './transport/to-transport-message.js';
export { isTransportMessage } from './transport/is-transport-message.js';
export type { MemoryTransport } from './transport/memory-transport.js';
export { createMemoryTransport } from './transport/memory-transport.js';

export type { Live } from './di/live.js';
export type { LiveOptions } from './di/create-live.js';
export { createLive } from './di/create-live.js';
export { injectLive } from './di/inject-live.js';
export type { LiveDecorator } from './di/live-decorator.js';
export { liveIdentifier } from './di/live-identifier.js';
export { bindLive, liveModule } from './di/live-module.js';
export type { RebindOptions } from './di/rebind-on-change.js';
export { rebindOnChange } from './di/rebind-on-change.js';
