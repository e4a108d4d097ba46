/**
 * @strata/redis — fleet propagation on Redis Streams: authenticated change notices with catch-up after a
 * reconnection, notify-and-refetch within a store budget, a leader that shares sealed layers, presence,
 * drift and refresh requests. Everything public is listed here. docs/fleet.md is the guide.
 */
export type { RedisConnectionOptions } from './models/redis-connection-options.js';
export type { RedisTransportOptions } from './models/redis-transport-options.js';
export type { FleetMode, RedisFleetOptions, StoreBudget } from './models/redis-fleet-options.js';
export type { DropReason, FleetCounters } from './models/drop-reason.js';
export { DROP_REASONS } from './models/drop-reason.js';
export type {
  EventBody,
  FleetBody,
  FleetEnvelope,
  LayerBody,
  NoticeBody,
  RefreshBody,
} from './models/fleet-message.js';
export { FLEET_FORMAT } from './models/fleet-message.js';
export type { InstanceStatus } from './models/instance-status.js';
export type {
  TransportEvents,
  TransportFailedEvent,
  TransportRecoveredEvent,
} from './models/transport-events.js';
export type { RedisClient } from './transport/create-redis-client.js';
export type { FleetRedisKeys } from './transport/fleet-keys-of.js';
export type { RedisTransport } from './transport/redis-transport.js';
export { createRedisTransport } from './transport/redis-transport.js';
export type { RedisFleet } from './fleet/create-redis-fleet.js';
export { createRedisFleet } from './fleet/create-redis-fleet.js';
export type { FleetMemberStatus, FleetStatus } from './fleet/read-fleet-status.js';
export { readFleetStatus } from './fleet/read-fleet-status.js';
export { refetchDelay } from './fleet/refetch-delay.js';
