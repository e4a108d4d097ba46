import type { BackoffPolicy } from '@strata/core/source';

/**
 * How to reach Redis. Passed through to node-redis (`@redis/client`) as they are: ACL user and password,
 * TLS, database number.
 */
export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. @example 'redis://127.0.0.1:6379' */
  readonly url: string;
  /** The ACL user (Redis 6+), when not in the URL. */
  readonly username?: string;
  /** The password (of the ACL user, or `requirepass`), when not in the URL. */
  readonly password?: string;
  /** The database number. @default 0 */
  readonly database?: number;
  /**
   * TLS: `true` for the system's CAs, or node:tls connect options (`ca`, `cert`, `key`, `servername`,
   * `rejectUnauthorized`). A `rediss://` URL turns TLS on too.
   */
  readonly tls?: boolean | import('node:tls').ConnectionOptions;
  /** Give up a connection attempt after this long. @default 5000 */
  readonly connectTimeoutMs?: number;
  /** Waits between reconnection attempts (full jitter, as every retry in Strata). @default 100 ms doubling to 10 s */
  readonly reconnect?: BackoffPolicy;
}
