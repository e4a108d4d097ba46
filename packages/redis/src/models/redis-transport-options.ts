import type { Logger } from '@strata/core';
import type { Keyring } from '@strata/core/secrets';
import type { RedisConnectionOptions } from './redis-connection-options.js';

/** Options of {@link createRedisTransport}. */
export interface RedisTransportOptions extends RedisConnectionOptions {
  /**
   * The fleet key: every message is signed (HMAC-SHA256) and every shared layer sealed (AES-256-GCM) with
   * keys derived from this keyring's primary key; messages signed with any of its keys are accepted, so a
   * key can be rotated in across the fleet. Load it with `loadKeyring()` from `@strata/core/secrets`.
   */
  readonly keyring: Keyring;
  /** The fleet's name: the Redis keys are `<keyPrefix>:<fleet>:…`. @default 'default' */
  readonly fleet?: string;
  /** The first segment of every Redis key. @default 'strata' */
  readonly keyPrefix?: string;
  /** This instance's id. @default `<hostname>:<pid>:<random>` */
  readonly instanceId?: string;
  /**
   * Fail `start()` when Redis cannot be reached. Otherwise the service starts on its own sources and the
   * transport keeps reconnecting in the background (a `transportFailed` event, then `transportRecovered`).
   * @default false
   */
  readonly required?: boolean;
  /** Where dropped messages and connection problems are reported. @default silent */
  readonly logger?: Logger;
  /** The change stream. */
  readonly stream?: {
    /** Entries kept (approximately: `XADD … MAXLEN ~`): how far back a reconnecting instance can catch up. @default 10000 */
    readonly maxLength?: number;
    /**
     * How long one `XREAD BLOCK` waits before asking again. A message ends the wait at once, and closing ends
     * it too, so this only sets how often an idle instance re-asks: each re-ask is a command per instance.
     * @default 5000
     */
    readonly blockMs?: number;
  };
  /** The largest stream entry read, in bytes (field names and values together); larger ones are dropped unread. @default 1048576 */
  readonly maxMessageBytes?: number;
  /**
   * Messages older than this (by their signed send time) are dropped as replays; nonces are remembered this
   * long. Also bounds how much of a backlog is applied after a reconnection. @default 300000 (5 minutes)
   */
  readonly maxMessageAgeMs?: number;
}
