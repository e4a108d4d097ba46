import { createClient } from '@redis/client';
import { type Config, type ConfigSource, loadConfig, Secret, Section } from '@strata/core';
import { generateKey, type Keyring, parseKeyring } from '@strata/core/secrets';
import { layerFromTree } from '@strata/core/source';
import { createRedisFleet, type RedisClient, type RedisFleet, type RedisFleetOptions } from '@strata/redis';
import { type RedisTestServer, startRedisTestServer } from '@strata-internal/test-support/redis';

/** The fleet's stream message as an input route (pollution, bounds, malformed) and Redis as an output (leaks). */
@Section('app')
export class FleetAppConfig {
  greeting = 'hello';
  @Secret() token = 'unset';
}

/** One real redis-server and the members of test fleets on it. */
export interface FleetRoute {
  readonly redis: RedisTestServer;
  readonly keyring: Keyring;
  /** A fleet member over `source` (closed by `close()`). */
  member(
    source: ConfigSource,
    options?: Partial<RedisFleetOptions>,
  ): Promise<{ config: Config; fleet: RedisFleet }>;
  /** A plain client, as anyone who can write to Redis has. */
  readonly raw: RedisClient;
  /** Every key and its contents as text. */
  dump(): Promise<string>;
  close(): Promise<void>;
}

/** Start a redis-server for one suite's fleet rows. */
export async function startFleetRoute(): Promise<FleetRoute> {
  const redis = await startRedisTestServer();
  const keyring = parseKeyring(generateKey('fleet-suite').line);
  const raw: RedisClient = createClient({ url: redis.url });
  await raw.connect();
  const open: { close(): Promise<void> }[] = [];
  return {
    redis,
    keyring,
    raw,
    async member(source, options = {}) {
      const fleet = createRedisFleet({
        url: redis.url,
        keyring,
        fleet: 'suite',
        heartbeatMs: 100,
        leaseMs: 600,
        storeBudget: { requestsPerSecond: 1000 },
        stream: { blockMs: 100 },
        ...options,
      });
      const config = await loadConfig(
        { sections: [FleetAppConfig], sources: [fleet.share(source)] },
        { env: {}, argv: [], watch: true },
      );
      open.push(config, fleet);
      await fleet.attach(config);
      return { config, fleet };
    },
    async dump() {
      const parts: string[] = [];
      for await (const keys of raw.scanIterator({ MATCH: '*', COUNT: 100 })) {
        for (const key of keys) {
          const type = await raw.type(key);
          parts.push(key);
          if (type === 'string') parts.push(String(await raw.get(key)));
          if (type === 'zset') parts.push(JSON.stringify(await raw.zRange(key, 0, -1)));
          if (type === 'stream') parts.push(JSON.stringify(await raw.xRange(key, '-', '+')));
        }
      }
      return parts.join('\n');
    },
    async close() {
      for (const item of open.splice(0).reverse()) await item.close();
      raw.destroy();
      await redis.close();
    },
  };
}

/** A remote-like source with one versioned value, for members that only need to exist. */
export function fleetStoreSource(greeting = 'kept'): ConfigSource {
  return {
    name: 'store',
    load: async () =>
      layerFromTree({
        source: 'store',
        tree: { app: { greeting } },
        originOf: (path) => ({ source: 'store', locator: path.join('.'), version: 1 }),
      }),
  };
}
