/**
 * A real `redis-server` per test file (Debian's package; `scripts/system-deps.sh` installs it in CI).
 *
 * @example
 * const redis = await startRedisTestServer();
 * // … connect to redis.url; redis.stop() / redis.start() to cut it mid-test …
 * await redis.close();
 */
export type { RedisTestServerOptions } from './redis-test-server.js';
export { freePort, RedisTestServer, startRedisTestServer } from './redis-test-server.js';
