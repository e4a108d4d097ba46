import { type Config, loadConfig, type Logger } from '@strata/core';
import { parseKeyring } from '@strata/core/secrets';
import { generateKey, type Keyring } from '@strata/core/secrets';
import { createClient } from '@redis/client';
import { type RedisTestServer, startRedisTestServer } from '@strata-internal/test-support/redis';
import type { RedisClient, RedisFleet, RedisFleetOptions } from '../../src/index.js';
import { createRedisFleet } from '../../src/index.js';
import { sections } from './sections.js';
import { storeSource, type VersionedStore } from './store-source.js';

/** One keyring for a test fleet. */
export function fleetKeyring(): Keyring {
  return parseKeyring(generateKey('fleet-1').line);
}

/** One member: its configuration, fleet membership and its own source over the shared store. */
export interface Member {
  readonly config: Config;
  readonly fleet: RedisFleet;
  readonly source: ReturnType<typeof storeSource>;
}

/** Test fleets on one real redis-server; everything closed by `close()`. */
export class FleetHarness {
  readonly redis: RedisTestServer;
  readonly keyring: Keyring;
  readonly #open: (Config | RedisFleet)[] = [];

  private constructor(redis: RedisTestServer, keyring: Keyring) {
    this.redis = redis;
    this.keyring = keyring;
  }

  static async start(): Promise<FleetHarness> {
    return new FleetHarness(await startRedisTestServer(), fleetKeyring());
  }

  /** Start one member over `store`. */
  async member(
    store: VersionedStore,
    options: Partial<RedisFleetOptions> & { pollMs?: number; logger?: Logger } = {},
  ): Promise<Member> {
    const fleet = createRedisFleet({
      url: this.redis.url,
      keyring: this.keyring,
      fleet: 'test',
      heartbeatMs: 100,
      leaseMs: 600,
      storeBudget: { requestsPerSecond: 1000 },
      stream: { blockMs: 200 },
      ...options,
    });
    const source = storeSource(store, { pollMs: options.pollMs ?? 50 });
    const config = await loadConfig(
      { sections, sources: [fleet.share(source)] },
      { env: {}, argv: [], watch: true },
    );
    this.#open.push(config, fleet);
    await fleet.attach(config);
    return { config, fleet, source };
  }

  /** A plain client to read back what the fleet wrote. */
  async client(): Promise<RedisClient> {
    const client: RedisClient = createClient({ url: this.redis.url });
    await client.connect();
    this.#open.push({ close: async () => void client.destroy() } as unknown as RedisFleet);
    return client;
  }

  /** Every key and value in Redis, as text (stream entries, presence, status records, lease). */
  async dump(): Promise<string> {
    const client = await this.client();
    const parts: string[] = [];
    for await (const keys of client.scanIterator({ MATCH: '*', COUNT: 100 })) {
      for (const key of keys) {
        const type = await client.type(key);
        parts.push(key);
        if (type === 'string') parts.push(String(await client.get(key)));
        if (type === 'zset') parts.push(JSON.stringify(await client.zRange(key, 0, -1)));
        if (type === 'stream') parts.push(JSON.stringify(await client.xRange(key, '-', '+')));
      }
    }
    return parts.join('\n');
  }

  async close(): Promise<void> {
    for (const item of this.#open.splice(0).reverse()) await item.close();
    await this.redis.close();
  }
}
