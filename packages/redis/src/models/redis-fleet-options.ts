import type { RedisTransportOptions } from './redis-transport-options.js';

/**
 * How a fleet shares changes of its remote sources:
 *
 * - `notify`: whoever loads a new version first publishes a notice (source and versions, no values); every
 *   other instance reloads that source itself, in a slot of its own so the fleet stays under `storeBudget`.
 * - `leader`: one instance holds a lease, polls the store and publishes the new layer sealed with the
 *   keyring; followers apply it through their own reload transaction and never ask the store.
 */
export type FleetMode = 'notify' | 'leader';

/** The store load a whole fleet may make when it refetches after a notice. */
export interface StoreBudget {
  /** Requests per second the whole fleet may send to the store. */
  readonly requestsPerSecond: number;
  /** Requests one reload of a shared source makes (pages of SSM, paths of Vault). @default 1 */
  readonly requestsPerRefetch?: number;
}

/** Options of {@link createRedisFleet}: the transport's, plus the mode and its timings. */
export interface RedisFleetOptions extends RedisTransportOptions {
  /** @default 'notify' */
  readonly mode?: FleetMode;
  /** Notify mode (and refresh requests): the fleet-wide rate of refetches. @default { requestsPerSecond: 10 } */
  readonly storeBudget?: StoreBudget;
  /** How often an instance renews its presence (and status record). @default 5000 */
  readonly heartbeatMs?: number;
  /** An instance not heard from for this long is out of the fleet. @default 3 × heartbeatMs */
  readonly presenceTtlMs?: number;
  /** Leader mode: the lease's length; a dead leader is replaced within it. Renewed every third of it. @default 10000 */
  readonly leaseMs?: number;
}
