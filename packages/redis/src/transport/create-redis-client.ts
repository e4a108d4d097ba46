import { createClient } from '@redis/client';
import { backoffDelay } from '@strata/core/source';
import type { RedisConnectionOptions } from '../models/redis-connection-options.js';

/** The node-redis client this package uses. */
export type RedisClient = ReturnType<typeof createClient>;

/**
 * A node-redis client for `options`: ACL user, password, database and TLS passed through; reconnection with
 * Strata's full-jitter backoff; no offline queue, so a command issued while Redis is away fails at once
 * instead of piling up (the caller polls on its own meanwhile).
 */
export function createRedisClient(options: RedisConnectionOptions): RedisClient {
  const reconnect = { initialDelayMs: 100, maxDelayMs: 10_000, ...options.reconnect };
  const tls = options.tls;
  const socket = {
    connectTimeout: options.connectTimeoutMs ?? 5000,
    reconnectStrategy: (retries: number) => Math.max(20, backoffDelay(retries + 1, reconnect)),
    ...(tls === undefined || tls === false ? {} : { tls: true as const, ...(tls === true ? {} : tls) }),
  };
  return createClient({
    url: options.url,
    ...(options.username === undefined ? {} : { username: options.username }),
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.database === undefined ? {} : { database: options.database }),
    disableOfflineQueue: true,
    socket,
  });
}
